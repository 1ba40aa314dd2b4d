// Cilium EndpointSelectors split into a namespace part and a pod part, as Cilium's identity labels define them.
import type { LabelSelector, LabelSelectorRequirement } from '../../model/kube.js';
import { NAMESPACE_NAME_LABEL } from '../selectors.js';

/** The identity label holding a pod's namespace name (Cilium adds it to every pod endpoint). */
export const CILIUM_NS_LABEL = 'io.kubernetes.pod.namespace';
/** Identity labels copied from the pod's namespace: `io.cilium.k8s.namespace.labels.<key>`. */
export const CILIUM_NS_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
/** Label sources a selector key may name; `k8s` and `any` match the pod and namespace labels we hold. */
const SOURCES = ['k8s', 'any', 'reserved', 'cidr', 'container', 'unspec', 'fqdn', 'cilium-generated'];

export interface SplitSelector {
  /** Requirements on the namespace's labels (the namespace name as kubernetes.io/metadata.name). */
  readonly ns: LabelSelector;
  /** True when the selector names the namespace (name or labels), so no namespace is implied. */
  readonly namesNamespace: boolean;
  readonly namesNamespaceName: boolean;
  readonly pod: LabelSelector;
  /** Keys whose values the snapshot does not hold (service account, cluster name, other sources). */
  readonly unknown: readonly string[];
  /** `reserved:<entity>` keys, which select Cilium entities rather than pods. */
  readonly reserved: readonly string[];
}

/** The key without a `k8s:`/`any:` source prefix, and the source it named. */
export function sourceOf(key: string): { source: string; key: string } {
  const i = key.indexOf(':');
  if (i > 0 && SOURCES.includes(key.slice(0, i))) return { source: key.slice(0, i), key: key.slice(i + 1) };
  return { source: 'any', key };
}

type Req = LabelSelectorRequirement;

/** Splits a Cilium selector's requirements between the namespace, the pod and keys we cannot evaluate. */
export function splitSelector(sel: LabelSelector): SplitSelector {
  const reqs: Req[] = [
    ...Object.entries(sel.matchLabels ?? {}).map(([key, v]): Req => ({ key, operator: 'In', values: [v] })),
    ...(sel.matchExpressions ?? []),
  ];
  const ns: Req[] = [];
  const pod: Req[] = [];
  const unknown: string[] = [];
  const reserved: string[] = [];
  let namesNamespace = false;
  let namesNamespaceName = false;
  for (const r of reqs) {
    const { source, key } = sourceOf(r.key);
    if (source === 'reserved') reserved.push(key);
    else if (source !== 'k8s' && source !== 'any') unknown.push(r.key);
    else if (key === CILIUM_NS_LABEL) {
      namesNamespace = namesNamespaceName = true;
      ns.push({ ...r, key: NAMESPACE_NAME_LABEL });
    } else if (key.startsWith(CILIUM_NS_LABELS_PREFIX)) {
      namesNamespace = true;
      ns.push({ ...r, key: key.slice(CILIUM_NS_LABELS_PREFIX.length) });
    } else if (key.startsWith('io.cilium.k8s.policy.') || key.startsWith('io.cilium.')) unknown.push(r.key);
    else pod.push({ ...r, key });
  }
  return {
    ns: asSelector(ns),
    namesNamespace,
    namesNamespaceName,
    pod: asSelector(pod),
    unknown,
    reserved,
  };
}

/** Single-value `In` requirements back as matchLabels (the namespace label index serves those directly). */
function asSelector(reqs: readonly Req[]): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Req[] = [];
  for (const r of reqs) {
    const v = r.values?.[0];
    if (r.operator === 'In' && r.values?.length === 1 && v !== undefined && matchLabels[r.key] === undefined)
      matchLabels[r.key] = v;
    else matchExpressions.push(r);
  }
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}
