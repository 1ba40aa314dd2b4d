// A desired state as a map of policy objects by key, moved along the steps Git evidence records.
import {
  versionContent as contentOf,
  versionKey,
  type GitPolicySet,
  type PolicyVersion,
} from '../../model/git.js';

export { policyVersions as mapOf, versionKey } from '../../model/git.js';

export type PolicyMap = ReadonlyMap<string, PolicyVersion>;

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
