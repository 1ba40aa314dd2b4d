// Compliance evaluation: findings -> controls (SOC 2, ISO/IEC 27001:2022, GDPR), inventory and exceptions.
import type {
  Catalogs,
  ComplianceResult,
  ExceptionsFile,
  Inventory,
  VendorRegisterEntry,
} from '../model/compliance.js';
import type { Connectivity } from '../model/connectivity.js';
import { compareSeverity, type Finding, type Framework, type Severity } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import { compareControlRefs, compareText } from './control-order.js';
import { controlResults } from './control-results.js';
import { withEvidenceHash } from './evidence-hash.js';
import { applyExceptions, EXCEPTION_CHECKS } from './exceptions.js';
import { egressComplete } from './egress-match.js';
import { checkInventory, INVENTORY_CHECKS } from './inventory-checks.js';

export { controlStatus } from './control-results.js';

const EGRESS_CHECKS: ReadonlySet<string> = new Set([
  'undeclared-external-egress',
  'undeclared-subprocessor-egress',
  'stale-inventory-entry',
]);
export { INVENTORY_CHECKS } from './inventory-checks.js';
export { DEFAULT_MAX_EXCEPTION_DAYS, EXCEPTION_CHECKS } from './exceptions.js';
export { crosswalkMarkdown } from './crosswalk-markdown.js';

/** The check that passes when the run follows earlier runs of the cluster in its bundle chain. */
export const SCHEDULED_RUNS_CHECK = 'scheduled-runs';

/** Default limit for the age of a DPA and of a vendor review. */
export const DEFAULT_MAX_DOCUMENT_AGE_DAYS = 365;

export interface ComplianceInput {
  readonly findings: readonly Finding[];
  /** Rule ids of the checks that ran: a control none of whose checks ran is "not tested". */
  readonly checksRun: readonly string[];
  readonly connectivity: Connectivity;
  readonly snapshot: Snapshot;
  readonly catalogs: Catalogs;
  readonly inventory?: Inventory;
  readonly exceptions?: ExceptionsFile;
  readonly frameworks: readonly Framework[];
  readonly now: Date;
  /** Earlier runs of the cluster in the bundle chain: one or more is evidence of regular testing. */
  readonly earlierRuns?: number;
  readonly options?: { readonly maxDocumentAgeDays?: number; readonly maxExceptionDays?: number };
}

function withControls(f: Finding, catalogs: Catalogs, frameworks: readonly Framework[]): Finding {
  const controls = (catalogs.mapping[f.rule] ?? [])
    .filter((r) => frameworks.includes(r.framework))
    .map((r) => ({ framework: r.framework, id: r.id }))
    .sort(compareControlRefs);
  return { ...f, controls };
}

function byPriority(a: Finding, b: Finding): number {
  return compareSeverity(a.severity, b.severity) || compareText(a.id, b.id);
}

/** Pure: the same input gives byte-identical output (no clock but `now`, stable order everywhere). */
export function evaluateCompliance(input: ComplianceInput): ComplianceResult {
  const checksRun = new Set([...input.checksRun, ...input.findings.map((f) => f.rule)]);
  // A chain of earlier runs shows the tests are scheduled (Art. 32(1)(d)); a one-off run shows nothing of it.
  if ((input.earlierRuns ?? 0) > 0) checksRun.add(SCHEDULED_RUNS_CHECK);
  let findings: Finding[] = [...input.findings];
  let register: VendorRegisterEntry[] | undefined;
  let egressWarning: string | undefined;
  if (input.inventory) {
    const inv = checkInventory({
      inventory: input.inventory,
      connectivity: input.connectivity,
      snapshot: input.snapshot,
      adequacy: input.catalogs.adequacy,
      now: input.now,
      maxDocumentAgeDays: input.options?.maxDocumentAgeDays ?? DEFAULT_MAX_DOCUMENT_AGE_DAYS,
    });
    // Egress matching needs every allowed connection; on a cluster too large to expand them it did not run,
    // and its findings (every vendor would look unreachable) are not evidence.
    const egressRan = egressComplete(input.connectivity);
    findings.push(...inv.findings.filter((f) => egressRan || !EGRESS_CHECKS.has(f.rule)));
    register = inv.register;
    for (const c of INVENTORY_CHECKS) if (egressRan || !EGRESS_CHECKS.has(c)) checksRun.add(c);
    if (!egressRan)
      egressWarning =
        'the cluster is too large to expand every connection: vendor egress checks (undeclared egress, stale entries) did not run';
  }
  let warnings: string[] = egressWarning ? [egressWarning] : [];
  findings = findings.map(withEvidenceHash);
  let exceptions: ComplianceResult['exceptions'];
  if (input.exceptions) {
    const applied = applyExceptions(findings, input.exceptions, input.now, {
      ...(input.options?.maxExceptionDays !== undefined ? { maxDays: input.options.maxExceptionDays } : {}),
      ...(input.snapshot.git ? { git: input.snapshot.git } : {}),
    });
    findings = applied.findings.map((f) => (f.evidenceHash ? f : withEvidenceHash(f)));
    warnings = [...warnings, ...applied.warnings];
    exceptions = applied.reviews;
    for (const c of EXCEPTION_CHECKS) checksRun.add(c);
  }
  findings = findings.map((f) => withControls(f, input.catalogs, input.frameworks)).sort(byPriority);
  return {
    findings,
    controls: controlResults(input.catalogs, input.frameworks, findings, checksRun),
    ...(register ? { register } : {}),
    ...(exceptions ? { exceptions } : {}),
    checksRun: [...checksRun].sort(compareText),
    warnings,
  };
}

/** --fail-on: true when an open (not accepted) finding is at or above `severity`. */
export function failOnExceeded(findings: readonly Finding[], severity: Severity): boolean {
  return findings.some(
    (f) => f.exception?.status !== 'accepted' && compareSeverity(f.severity, severity) <= 0,
  );
}
