// Policies added, removed and changed between two snapshots, with the fields that changed.
import { calicoGroup, calicoName } from '../analyze/calico-policy.js';
import type { Snapshot } from '../model/snapshot.js';
import { fieldDiff } from './field-diff.js';
import type { PolicyChange } from './types.js';

interface Versioned {
  readonly key: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Every policy object of a snapshot, keyed "Kind ns/name", with the fields a change is judged on. */
export function policyVersions(s: Snapshot): Map<string, Versioned> {
  const out = new Map<string, Versioned>();
  const put = (key: string, body: Record<string, unknown>): void => {
    out.set(key, { key, body });
  };
  for (const p of s.networkPolicies)
    put(`NetworkPolicy ${p.namespace}/${p.name}`, {
      spec: p.spec,
      ...(p.labels ? { labels: p.labels } : {}),
    });
  for (const p of s.adminNetworkPolicies)
    put(`AdminNetworkPolicy ${p.name}`, { priority: p.priority, spec: p.spec });
  for (const p of s.baselineAdminNetworkPolicies)
    put(`BaselineAdminNetworkPolicy ${p.name}`, { spec: p.spec });
  for (const p of s.otherPolicies) {
    // Calico kinds share names with Kubernetes ones, and v1 CRDs prefix default-tier names: key them apart.
    const calico = calicoGroup(p.apiVersion);
    const name = calico ? calicoName(p) : p.name;
    put(`${calico ? 'Calico ' : ''}${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${name}`, {
      spec: p.spec,
      // Cilium's rules may sit in the top-level specs list too.
      ...(p.specs ? { specs: p.specs } : {}),
      ...(p.labels ? { labels: p.labels } : {}),
    });
  }
  return out;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two policy sets; a changed policy lists each differing field (spec.ingress[0].from[1]...). */
export function diffPolicies(
  before: ReadonlyMap<string, Versioned>,
  after: ReadonlyMap<string, Versioned>,
): PolicyChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(byText);
  const out: PolicyChange[] = [];
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    if (!a && b) out.push({ policy: key, change: 'added', fields: [] });
    else if (a && !b) out.push({ policy: key, change: 'removed', fields: [] });
    else if (a && b) {
      const fields = [...new Set(Object.keys({ ...a.body, ...b.body }))]
        .sort(byText)
        .flatMap((k) => fieldDiff(k, a.body[k], b.body[k]));
      if (fields.length) out.push({ policy: key, change: 'changed', fields });
    }
  }
  return out;
}
