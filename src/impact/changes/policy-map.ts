// A desired state as a map of policy objects by key, moved along the steps Git evidence records.
import type { GitPolicySet, PolicyVersion } from '../../model/git.js';

/** "NetworkPolicy/ns/name", "AdminNetworkPolicy//name": the same key the Git change log uses. */
export function versionKey(v: { kind: string; namespace?: string; name: string }): string {
  return `${v.kind}/${v.namespace ?? ''}/${v.name}`;
}

export type PolicyMap = ReadonlyMap<string, PolicyVersion>;

/** The policy set as a map (every value carries its object). */
export function mapOf(set: GitPolicySet): Map<string, PolicyVersion> {
  const out = new Map<string, PolicyVersion>();
  for (const o of set.networkPolicies)
    out.set(versionKey({ kind: 'NetworkPolicy', ...o }), {
      kind: 'NetworkPolicy',
      namespace: o.namespace,
      name: o.name,
      object: o,
    });
  for (const o of set.adminNetworkPolicies)
    out.set(versionKey({ kind: 'AdminNetworkPolicy', name: o.name }), {
      kind: 'AdminNetworkPolicy',
      name: o.name,
      object: o,
    });
  for (const o of set.baselineAdminNetworkPolicies)
    out.set(versionKey({ kind: 'BaselineAdminNetworkPolicy', name: o.name }), {
      kind: 'BaselineAdminNetworkPolicy',
      name: o.name,
      object: o,
    });
  return out;
}

/** The state after setting each version (an absent object removes the key). */
export function applyVersions(
  state: PolicyMap,
  versions: readonly PolicyVersion[],
): Map<string, PolicyVersion> {
  const out = new Map(state);
  for (const v of versions) {
    if (v.object) out.set(versionKey(v), v);
    else out.delete(versionKey(v));
  }
  return out;
}

/** Back to the snapshot's three lists, each sorted by key so analyses do not depend on the walk. */
export function setOf(state: PolicyMap): GitPolicySet {
  const sorted = [...state.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  const np: NonNullable<Extract<PolicyVersion, { kind: 'NetworkPolicy' }>['object']>[] = [];
  const anp: NonNullable<Extract<PolicyVersion, { kind: 'AdminNetworkPolicy' }>['object']>[] = [];
  const banp: NonNullable<Extract<PolicyVersion, { kind: 'BaselineAdminNetworkPolicy' }>['object']>[] = [];
  for (const v of sorted) {
    if (v.kind === 'NetworkPolicy' && v.object) np.push(v.object);
    else if (v.kind === 'AdminNetworkPolicy' && v.object) anp.push(v.object);
    else if (v.kind === 'BaselineAdminNetworkPolicy' && v.object) banp.push(v.object);
  }
  return { networkPolicies: np, adminNetworkPolicies: anp, baselineAdminNetworkPolicies: banp };
}

/** The comparable content of a version: its spec (and ANP priority), not where it was declared. */
export function contentOf(v: PolicyVersion | undefined): string | undefined {
  if (!v?.object) return undefined;
  return v.kind === 'AdminNetworkPolicy'
    ? JSON.stringify([v.object.priority, v.object.spec])
    : JSON.stringify(v.object.spec);
}

/** Keys whose content differs between two states, sorted. */
export function changedKeys(a: PolicyMap, b: PolicyMap): string[] {
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (x === y) continue;
    if (contentOf(x) !== contentOf(y)) out.push(k);
  }
  return out.sort();
}
