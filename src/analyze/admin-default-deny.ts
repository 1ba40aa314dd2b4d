// Admin policies that act as a namespace's default deny: an AdminNetworkPolicy or BaselineAdminNetworkPolicy
// (policy.networking.k8s.io/v1alpha1) whose subject covers every pod of the namespace and that has, in one
// direction, a Deny rule over every namespace (`namespaces: {}`) on every port. Such a rule denies whatever
// the rules before it (ANP) or the NetworkPolicies (BANP) do not allow, as a NetworkPolicy deny-all does.
import type { LabelSelector } from '../model/kube.js';
import type { AdminNetworkPolicy, BaselineAdminNetworkPolicy, Namespace } from '../model/snapshot.js';
import { isEmptySelector, matchesSelector, namespaceLabels } from './selectors.js';

type Raw = Readonly<Record<string, unknown>>;
type Dir = 'ingress' | 'egress';

function rec(v: unknown): Raw | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;
}

/** The subject selects every pod of `ns`: `namespaces` matching it, or `pods` with an empty pod selector. */
function coversNamespace(spec: Raw, ns: Namespace): boolean {
  const subject = rec(spec.subject);
  if (!subject) return false;
  const labels = namespaceLabels(ns);
  const nsSel = rec(subject.namespaces);
  if (nsSel) return matchesSelector(labels, nsSel as LabelSelector);
  const pods = rec(subject.pods);
  if (!pods) return false;
  const podSel = rec(pods.podSelector) as LabelSelector | undefined;
  return (
    isEmptySelector(podSel) && matchesSelector(labels, (rec(pods.namespaceSelector) ?? {}) as LabelSelector)
  );
}

/** A rule in `dir` that denies traffic with every namespace on every port. */
function deniesEverything(spec: Raw, dir: Dir): boolean {
  const rules = Array.isArray(spec[dir]) ? (spec[dir] as unknown[]) : [];
  const peersField = dir === 'ingress' ? 'from' : 'to';
  return rules.some((r) => {
    const rule = rec(r);
    if (!rule || rule.action !== 'Deny' || (Array.isArray(rule.ports) && rule.ports.length > 0)) return false;
    const peers = Array.isArray(rule[peersField]) ? (rule[peersField] as unknown[]) : [];
    return peers.some((p) => {
      const nsSel = rec(rec(p)?.namespaces);
      return nsSel !== undefined && isEmptySelector(nsSel as LabelSelector);
    });
  });
}

/** "AdminNetworkPolicy/name" and "BaselineAdminNetworkPolicy/name" entries that default-deny `ns` in `dir`. */
export function adminDefaultDenies(
  ns: Namespace,
  dir: Dir,
  anps: readonly AdminNetworkPolicy[],
  banps: readonly BaselineAdminNetworkPolicy[],
): string[] {
  const hit = (spec: Raw): boolean => coversNamespace(spec, ns) && deniesEverything(spec, dir);
  return [
    ...anps.filter((p) => hit(p.spec)).map((p) => `AdminNetworkPolicy/${p.name}`),
    ...banps.filter((p) => hit(p.spec)).map((p) => `BaselineAdminNetworkPolicy/${p.name}`),
  ];
}
