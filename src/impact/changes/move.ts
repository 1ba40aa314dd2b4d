// From one analysed desired state to the next: only the classes the changed policies select are evaluated
// again, and only the findings of the namespaces and policies the change touched are recomputed.
import type { Universe } from '../../analyze/reachability/universe.js';
import type { RuleScope } from '../../analyze/rules/index.js';
import type { ChangedFinding, ChangeImpact } from '../../model/change-impact.js';
import { compareSeverity, type Finding } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot.js';
import { affectedClasses, classDelta, type ClassPairChange } from './class-delta.js';
import { updateNsPairs } from './ns-pairs.js';
import { pathChanges } from './path-rows.js';
import { changedKeys, type PolicyMap } from './policy-map.js';
import {
  analyseState,
  engineFor,
  inScope,
  mergeFindings,
  POLICY_INDEPENDENT_RULES,
  resourceText,
  scopedFindings,
  type AnalysedState,
} from './state.js';

export interface MoveOptions {
  readonly topRows: number;
  /** Describe the move backwards: what going from the new state to the old one does. */
  readonly reverse?: boolean;
}

export interface Moved {
  readonly to: AnalysedState;
  /** The effect, in the direction asked; `status` is always "assessed". */
  readonly impact: ChangeImpact;
}

function policyRows(
  keys: readonly string[],
  before: PolicyMap,
  after: PolicyMap,
  topRows: number,
): NonNullable<ChangeImpact['policies']> {
  const out = { added: 0, removed: 0, changed: 0 };
  const top: string[] = [];
  for (const k of keys) {
    const v = (after.get(k) ?? before.get(k))!;
    const what = !before.has(k) ? 'added' : !after.has(k) ? 'removed' : 'changed';
    out[what]++;
    if (top.length < topRows)
      top.push(`${v.kind} ${v.kind === 'NetworkPolicy' ? `${v.namespace}/` : ''}${v.name} (${what})`);
  }
  return { ...out, top };
}

function findingRows(
  opened: readonly Finding[],
  closed: readonly Finding[],
  topRows: number,
): ChangedFinding[] {
  const row = (f: Finding, change: ChangedFinding['change']): ChangedFinding => ({
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    resource: resourceText(f),
    message: f.message,
    change,
  });
  return [...opened.map((f) => row(f, 'opened')), ...closed.map((f) => row(f, 'closed'))]
    .sort(
      (a, b) =>
        compareSeverity(a.severity, b.severity) ||
        (a.change === b.change ? 0 : a.change === 'opened' ? -1 : 1) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, topRows);
}

function flip(p: ClassPairChange): ClassPairChange {
  return { src: p.src, dst: p.dst, before: p.after, after: p.before };
}

/** The state with `policies`, analysed from `from`, and what the move changed. */
export function moveState(
  from: AnalysedState,
  policies: PolicyMap,
  workloads: Snapshot,
  universe: Universe,
  opts: MoveOptions,
): Moved {
  const keys = changedKeys(from.policies, policies);
  const [oldMap, newMap] = opts.reverse ? [policies, from.policies] : [from.policies, policies];
  if (keys.length === 0) {
    return {
      to: { ...from, policies },
      impact: {
        status: 'assessed',
        policies: policyRows([], oldMap, newMap, opts.topRows),
        paths: { opened: 0, closed: 0, changed: 0, external: 0, crossNamespace: 0, complete: true, top: [] },
        findings: { opened: 0, closed: 0, top: [] },
      },
    };
  }
  const { snapshot, engine } = engineFor(workloads, universe, policies);
  const affected = affectedClasses(keys, from.engine, engine, from.policies, policies);
  const delta = classDelta(from.engine, engine, affected);
  const u = engine.u;
  const namespaces = new Set<string>();
  for (const k of keys) if (k.startsWith('NetworkPolicy/')) namespaces.add(k.split('/')[1]!);
  for (const c of affected) namespaces.add(u.namespaces[u.classes[c]!.ns]!.name);
  for (const p of delta.pairs) {
    namespaces.add(u.namespaces[u.classes[p.src]!.ns]!.name);
    namespaces.add(u.namespaces[u.classes[p.dst]!.ns]!.name);
  }
  const scope: RuleScope = { namespaces, policies: new Set(keys) };
  let to: AnalysedState;
  let opened: Finding[];
  let closed: Finding[];
  if (delta.complete) {
    const nsPairs = updateNsPairs(from.nsPairs, engine, delta.pairs);
    const fresh = scopedFindings(snapshot, engine, nsPairs, scope);
    const old = from.findings.filter((f) => !POLICY_INDEPENDENT_RULES.has(f.rule) && inScope(f, scope));
    const oldIds = new Set(old.map((f) => f.id));
    const freshIds = new Set(fresh.map((f) => f.id));
    opened = fresh.filter((f) => !oldIds.has(f.id));
    closed = old.filter((f) => !freshIds.has(f.id));
    to = { policies, snapshot, engine, findings: mergeFindings(from.findings, fresh, scope), nsPairs };
  } else {
    // Too many class pairs to compare: analyse the new state in full so later moves stay exact.
    to = analyseState(workloads, universe, policies);
    const oldIds = new Set(from.findings.map((f) => f.id));
    const newIds = new Set(to.findings.map((f) => f.id));
    opened = to.findings.filter((f) => !oldIds.has(f.id));
    closed = from.findings.filter((f) => !newIds.has(f.id));
  }
  if (opts.reverse) [opened, closed] = [closed, opened];
  const paths = pathChanges(
    engine,
    opts.reverse ? delta.pairs.map(flip) : delta.pairs,
    opts.reverse ? delta.externalAfter : delta.externalBefore,
    opts.reverse ? delta.externalBefore : delta.externalAfter,
    opts.topRows,
  );
  return {
    to,
    impact: {
      status: 'assessed',
      policies: policyRows(keys, oldMap, newMap, opts.topRows),
      paths: { ...paths, complete: delta.complete },
      findings: {
        opened: opened.length,
        closed: closed.length,
        top: findingRows(opened, closed, opts.topRows),
      },
    },
  };
}
