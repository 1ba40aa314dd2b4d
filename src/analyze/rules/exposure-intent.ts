// Whether outside reachability is designed (an intent annotation) and whether anything publishes the workload.
import type { ResourceRef } from '../../model/finding.js';
import { matchesSelector } from '../selectors.js';
import type { RuleContext } from './context.js';

/** Set on a NetworkPolicy or Namespace to say that exposure to the internet is intended. */
export const INTENT_ANNOTATION = 'netpol-evidence.io/intended-exposure';

/** Service types that publish pods outside the cluster (Kubernetes API: ServiceSpec.type). */
const PUBLISHING_TYPES = new Set(['LoadBalancer', 'NodePort']);

/**
 * The object that declares the exposure intended: the workload's namespace, or a NetworkPolicy that
 * selects it for ingress, annotated `netpol-evidence.io/intended-exposure: internet`.
 */
export function intendedExposure(ctx: RuleContext, cls: number, peer: number): ResourceRef | undefined {
  const p = ctx.reach.engine.u.peers[peer];
  if (!p?.namespace) return undefined;
  const ns = ctx.snapshot.namespaces.find((n) => n.name === p.namespace);
  if (ns?.annotations?.[INTENT_ANNOTATION] === 'internet') return { kind: 'Namespace', name: ns.name };
  const np = (ctx.reach.engine.npIngress[cls] ?? [])
    .map((c) => c.policy)
    .filter((x) => x.annotations?.[INTENT_ANNOTATION] === 'internet')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
  return np ? { kind: 'NetworkPolicy', namespace: np.namespace, name: np.name } : undefined;
}

/** LoadBalancer and NodePort Services that select the workload ("Service/ns/name (LoadBalancer)"). */
export function publishingServices(ctx: RuleContext, peer: number): string[] {
  const p = ctx.reach.engine.u.peers[peer];
  if (!p?.namespace) return [];
  return ctx.snapshot.services
    .filter(
      (s) =>
        s.namespace === p.namespace &&
        PUBLISHING_TYPES.has(s.type ?? '') &&
        s.selector !== undefined &&
        Object.keys(s.selector).length > 0 &&
        matchesSelector(p.podLabels, { matchLabels: s.selector }),
    )
    .map((s) => `Service/${s.namespace}/${s.name} (${s.type ?? ''})`)
    .sort();
}
