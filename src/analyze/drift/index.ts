// Drift: the policies Git declares at the ref's HEAD versus the live snapshot (proves the cluster runs what was approved).
import type { Finding, Severity } from '../../model/finding.js';
import type { DriftEntry, DriftState, GitPolicySet, UnrenderedSource } from '../../model/git.js';
import { finding } from '../rules/context.js';
import type { Snapshot } from '../../model/snapshot.js';
import { diffValues } from './diff.js';
import { isCilium } from '../reachability/compile-cilium.js';
import { normalizeCiliumPolicy } from './normalize-cilium.js';
import { normalizeNetworkPolicySpec } from './normalize.js';

/** Rule ids this analysis can produce. */
export const DRIFT_RULES = ['drift-missing-in-cluster', 'drift-not-in-git', 'drift-modified'] as const;

interface Comparable {
  readonly kind: DriftEntry['kind'];
  readonly namespace?: string;
  readonly name: string;
  readonly spec: unknown;
  readonly origin?: string;
}

function comparable(
  p: Pick<Snapshot, 'networkPolicies' | 'adminNetworkPolicies' | 'baselineAdminNetworkPolicies'> & {
    readonly otherPolicies?: Snapshot['otherPolicies'];
  },
): Map<string, Comparable> {
  const all: Comparable[] = [
    ...p.networkPolicies.map((n) => ({
      kind: 'NetworkPolicy' as const,
      namespace: n.namespace,
      name: n.name,
      spec: normalizeNetworkPolicySpec(n.spec),
      ...(n.origin ? { origin: n.origin } : {}),
    })),
    ...p.adminNetworkPolicies.map((a) => ({
      kind: 'AdminNetworkPolicy' as const,
      name: a.name,
      spec: { ...a.spec, priority: a.priority },
      ...(a.origin ? { origin: a.origin } : {}),
    })),
    ...p.baselineAdminNetworkPolicies.map((b) => ({
      kind: 'BaselineAdminNetworkPolicy' as const,
      name: b.name,
      spec: b.spec,
      ...(b.origin ? { origin: b.origin } : {}),
    })),
    ...(p.otherPolicies ?? []).filter(isCilium).map((c) => ({
      kind: c.kind as 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy',
      ...(c.namespace !== undefined ? { namespace: c.namespace } : {}),
      name: c.name,
      spec: normalizeCiliumPolicy(c),
      ...(c.origin ? { origin: c.origin } : {}),
    })),
  ];
  return new Map(all.map((c) => [`${c.kind}/${c.namespace ?? ''}/${c.name}`, c]));
}

type Found = Exclude<DriftState, 'unknown'>;

const RULES: Readonly<Record<Found, { rule: string; severity: Severity }>> = {
  missingInCluster: { rule: 'drift-missing-in-cluster', severity: 'high' },
  notInGit: { rule: 'drift-not-in-git', severity: 'medium' },
  modified: { rule: 'drift-modified', severity: 'high' },
};

function title(e: DriftEntry): string {
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
}

function toFinding(e: DriftEntry & { state: Found }, gitSide?: Comparable): Finding {
  const { rule, severity } = RULES[e.state];
  const resource = {
    kind: e.kind,
    ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
    name: e.name,
  };
  const where = gitSide?.origin ? ` (declared at ${gitSide.origin})` : '';
  const shown = e.differences
    .slice(0, 5)
    .map((d) => `${d.path}: git ${JSON.stringify(d.git)}, cluster ${JSON.stringify(d.cluster)}`);
  const more = e.differences.length > 5 ? `; ${e.differences.length - 5} more` : '';
  const text: Record<Found, [string, string, string]> = {
    missingInCluster: [
      `${title(e)} is declared in Git but is not in the cluster.`,
      `${title(e)}${where} has no counterpart in the live snapshot.`,
      'Sync the GitOps controller, or remove the policy from Git if it was retired on purpose.',
    ],
    notInGit: [
      `${title(e)} runs in the cluster but is not declared in Git (unmanaged).`,
      `${title(e)} is in the live snapshot and in no manifest under the Git paths at the ref.`,
      'Add the policy to Git through a reviewed change, or delete it from the cluster.',
    ],
    modified: [
      `${title(e)} in the cluster differs from the approved version in Git.`,
      `${title(e)}${where}: ${shown.join('; ')}${more}.`,
      'Find who changed the live object, then restore it from Git or change Git through review.',
    ],
  };
  const [message, explanation, remediation] = text[e.state];
  return finding(rule, severity, resource, { message, explanation, remediation });
}

/** Why Git's desired state is incomplete: the sources that did not render, or undefined when it is complete. */
function incompleteBecause(unrendered: readonly UnrenderedSource[]): string | undefined {
  const failed = unrendered.filter((u) => !u.rendered);
  if (failed.length === 0) return undefined;
  return `the desired state could not be determined: ${failed.map((u) => `${u.tool} ${u.path} (${u.reason ?? 'not rendered'})`).join('; ')}`;
}

/**
 * Compares each policy's spec field by field, ignoring server-set fields and API defaulting. A live policy
 * Git does not show is `notInGit` only when every source of the desired state rendered; otherwise it may
 * come from the source that did not, so it is `unknown` with the reason and no finding.
 */
export function analyzeDrift(
  gitPolicies: GitPolicySet,
  snapshot: Snapshot,
  unrendered: readonly UnrenderedSource[] = [],
): { drift: DriftEntry[]; findings: Finding[] } {
  const incomplete = incompleteBecause(unrendered);
  const inGit = comparable(gitPolicies);
  const inCluster = comparable(snapshot);
  const keys = [...new Set([...inGit.keys(), ...inCluster.keys()])].sort();
  const drift: DriftEntry[] = [];
  const findings: Finding[] = [];
  for (const key of keys) {
    const g = inGit.get(key);
    const c = inCluster.get(key);
    const base = (g ?? c) as Comparable;
    const head = {
      kind: base.kind,
      ...(base.namespace !== undefined ? { namespace: base.namespace } : {}),
      name: base.name,
    };
    let entry: (DriftEntry & { state: Found }) | undefined;
    if (!c) entry = { ...head, state: 'missingInCluster', differences: [] };
    else if (!g && incomplete) {
      drift.push({ ...head, state: 'unknown', differences: [], reason: incomplete });
      continue;
    } else if (!g) entry = { ...head, state: 'notInGit', differences: [] };
    else {
      const differences = base.kind.startsWith('Cilium')
        ? // Cilium objects carry spec and specs side by side: each is named from the object's root.
          (['spec', 'specs'] as const).flatMap((k) =>
            diffValues((g.spec as Record<string, unknown>)[k], (c.spec as Record<string, unknown>)[k], k),
          )
        : diffValues(g.spec, c.spec, 'spec');
      if (differences.length > 0) entry = { ...head, state: 'modified', differences };
    }
    if (!entry) continue;
    drift.push(entry);
    findings.push(toFinding(entry, g));
  }
  return { drift, findings };
}
