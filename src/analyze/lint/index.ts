// Lint entry point: every rule over the manifests, each result located at its field (pure, deterministic).
import { stableHash } from '../../model/hash.js';
import {
  LINT_LEVELS,
  lintFieldPath,
  type LintInput,
  type LintReport,
  type LintResult,
  type LintRuleInfo,
} from '../../model/lint.js';
import { lintContext, type LintRule } from './context.js';
import { allowAllPeers, allowAllPorts } from './rules/allow-all.js';
import { anpPriorityOverlap } from './rules/anp-priority-overlap.js';
import { duplicatePolicy } from './rules/duplicate-policy.js';
import { egressDenyWithoutDns } from './rules/egress-deny-without-dns.js';
import { namedPortUndefined } from './rules/named-port-undefined.js';
import { namespaceNotFound } from './rules/namespace-not-found.js';
import { noDefaultDeny } from './rules/no-default-deny.js';
import { peerMatchesNothing } from './rules/peer-matches-nothing.js';
import { ruleShadowed } from './rules/rule-shadowed.js';
import { schemaRule } from './rules/schema.js';
import { selectorMatchesNothing } from './rules/selector-matches-nothing.js';
import { LINT_RULE_INFO } from './rule-info.js';

const IMPLEMENTATIONS: Readonly<Record<string, LintRule>> = {
  schema: schemaRule,
  'selector-matches-nothing': selectorMatchesNothing,
  'peer-matches-nothing': peerMatchesNothing,
  'allow-all-peers': allowAllPeers,
  'allow-all-ports': allowAllPorts,
  'no-default-deny': noDefaultDeny,
  'named-port-undefined': namedPortUndefined,
  'rule-shadowed': ruleShadowed,
  'duplicate-policy': duplicatePolicy,
  'egress-deny-without-dns': egressDenyWithoutDns,
  'namespace-not-found': namespaceNotFound,
  'anp-priority-overlap': anpPriorityOverlap,
};

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Runs every lint rule; results are sorted by file, line, column and rule. */
export function lintManifests(input: LintInput): LintReport {
  const ctx = lintContext(input);
  const results: LintResult[] = [];
  for (const info of LINT_RULE_INFO) {
    const rule = IMPLEMENTATIONS[info.id];
    if (!rule) continue;
    for (const hit of rule(ctx)) {
      const o = hit.object;
      const pos = o.locate(hit.path);
      const object = `${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
      const field = lintFieldPath(hit.path);
      results.push({
        ruleId: info.id,
        level: hit.level ?? info.level,
        message: hit.message,
        file: o.file,
        line: pos.line,
        column: pos.column,
        object,
        field,
        fingerprint: stableHash(`${info.id}|${object}|${field}|${hit.message}`),
      });
    }
  }
  results.sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      LINT_LEVELS.indexOf(a.level) - LINT_LEVELS.indexOf(b.level) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.message, b.message),
  );
  return { files: input.files, rules: LINT_RULE_INFO, results };
}

export { LINT_RULE_INFO } from './rule-info.js';
export type { LintRuleInfo };
