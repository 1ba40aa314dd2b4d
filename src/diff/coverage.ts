// Coverage per namespace: default deny per direction and the workloads no policy selects.
import type { NamespaceCoverage } from '../model/connectivity.js';
import type { CoverageChange } from './types.js';

const yn = (b: boolean): string => (b ? 'yes' : 'no');

function compare(a: NamespaceCoverage, b: NamespaceCoverage): CoverageChange | undefined {
  const changes: string[] = [];
  let weakened = false;
  if (a.ingressDefaultDeny !== b.ingressDefaultDeny) {
    changes.push(`ingress default deny: ${yn(a.ingressDefaultDeny)} -> ${yn(b.ingressDefaultDeny)}`);
    weakened ||= a.ingressDefaultDeny;
  }
  if (a.egressDefaultDeny !== b.egressDefaultDeny) {
    changes.push(`egress default deny: ${yn(a.egressDefaultDeny)} -> ${yn(b.egressDefaultDeny)}`);
    weakened ||= a.egressDefaultDeny;
  }
  if (
    a.selectedIngress !== b.selectedIngress ||
    a.selectedEgress !== b.selectedEgress ||
    a.workloads !== b.workloads
  )
    changes.push(
      `workloads selected (ingress/egress of total): ${a.selectedIngress}/${a.selectedEgress} of ${a.workloads} -> ${b.selectedIngress}/${b.selectedEgress} of ${b.workloads}`,
    );
  const was = new Set(a.unselected);
  const now = new Set(b.unselected);
  const lost = b.unselected.filter((w) => !was.has(w));
  const gained = a.unselected.filter((w) => !now.has(w));
  if (lost.length) {
    changes.push(`no longer selected by any policy: ${lost.join(', ')}`);
    weakened = true;
  }
  if (gained.length) changes.push(`now selected by a policy: ${gained.join(', ')}`);
  return changes.length ? { namespace: a.namespace, changes, weakened } : undefined;
}

const none = (namespace: string): NamespaceCoverage => ({
  namespace,
  ingressDefaultDeny: false,
  egressDefaultDeny: false,
  ingressDenyPolicies: [],
  egressDenyPolicies: [],
  workloads: 0,
  selectedIngress: 0,
  selectedEgress: 0,
  unselected: [],
});

/** Per namespace in either bundle, what changed in its coverage (a new or deleted namespace compares to empty). */
export function diffCoverage(
  before: readonly NamespaceCoverage[],
  after: readonly NamespaceCoverage[],
): CoverageChange[] {
  const a = new Map(before.map((c) => [c.namespace, c]));
  const b = new Map(after.map((c) => [c.namespace, c]));
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.flatMap((n) => {
    const c = compare(a.get(n) ?? none(n), b.get(n) ?? none(n));
    if (!c) return [];
    const note = !a.has(n) ? ['namespace added'] : !b.has(n) ? ['namespace removed'] : [];
    return [{ ...c, changes: [...note, ...c.changes] }];
  });
}
