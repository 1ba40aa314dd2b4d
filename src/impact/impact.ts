// What a change does: the diff of the analyses of its base and head, paths to the outside world and across
// namespaces first, and the gate on findings it opens (pure).
import { diffEvidence } from '../diff/diff-evidence.js';
import type { EvidenceDiff, PathChange, PathScope } from '../diff/types.js';
import type { Evidence } from '../model/evidence.js';
import { compareSeverity, type Severity } from '../model/finding.js';

export interface ImpactSide {
  /** As the user named it: a folder, or a Git ref. */
  readonly label: string;
  /** The commit a ref resolved to, or the folder's path. */
  readonly detail: string;
}

export interface Impact {
  readonly base: ImpactSide;
  readonly head: ImpactSide;
  readonly diff: EvidenceDiff;
  /** Vendors (inventory sub-processors) that some workload can reach at head and could not at base. */
  readonly vendorsNewlyReachable: readonly string[];
  /** The --fail-on threshold and the opened findings at or above it. */
  readonly gate?: { readonly failOn: Severity; readonly failing: readonly string[] };
}

const SCOPE_ORDER: Readonly<Record<PathScope, number>> = {
  external: 0,
  'cross-namespace': 1,
  'same-namespace': 2,
};
const CHANGE_ORDER: Readonly<Record<PathChange['change'], number>> = { opened: 0, changed: 1, closed: 2 };

/** Outside world first, then across namespaces; opened before changed before closed; then the diff's order. */
export function pathsByConcern(paths: readonly PathChange[]): PathChange[] {
  return paths
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        SCOPE_ORDER[a.p.scope] - SCOPE_ORDER[b.p.scope] ||
        CHANGE_ORDER[a.p.change] - CHANGE_ORDER[b.p.change] ||
        a.i - b.i,
    )
    .map((x) => x.p);
}

export function impactOf(
  base: { side: ImpactSide; evidence: Evidence },
  head: { side: ImpactSide; evidence: Evidence },
  failOn?: Severity,
): Impact {
  const raw = diffEvidence(base.evidence, head.evidence);
  const diff: EvidenceDiff = {
    ...raw,
    old: { ...raw.old, reportId: base.side.label, generatedAt: base.side.detail },
    new: { ...raw.new, reportId: head.side.label, generatedAt: head.side.detail },
    paths: pathsByConcern(raw.paths),
  };
  const reach = (e: Evidence): Set<string> =>
    new Set(
      (e.register ?? [])
        .filter((v) => v.reachableFrom.length > 0 || v.reachableViaOpenEgress.length > 0)
        .map((v) => v.name),
    );
  const before = reach(base.evidence);
  const vendorsNewlyReachable = [...reach(head.evidence)].filter((v) => !before.has(v)).sort();
  // As in `report --fail-on`: a finding covered by an accepted exception does not fail the gate.
  const accepted = new Set(
    head.evidence.findings.filter((f) => f.exception?.status === 'accepted').map((f) => f.id),
  );
  const failing = failOn
    ? diff.findings
        .filter(
          (f) => f.change === 'opened' && compareSeverity(f.severity, failOn) <= 0 && !accepted.has(f.id),
        )
        .map((f) => f.id)
    : [];
  return {
    base: base.side,
    head: head.side,
    diff,
    vendorsNewlyReachable,
    ...(failOn ? { gate: { failOn, failing } } : {}),
  };
}
