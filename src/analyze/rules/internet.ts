// reachable-from-internet / internet-egress: workloads that outside addresses can reach, or that can reach them.
import type { Finding, Severity } from '../../model/finding.js';
import {
  ALL_IPV4,
  formatIpRange,
  isNonInternet,
  NON_INTERNET,
  normalizeIps,
  subtractIps,
  type IpRange,
} from '../ip-blocks.js';
import { PortSet } from '../port-set.js';
import { INGRESS_CONTROLLER_ID } from '../reachability/pairs.js';
import type { Endpoint } from '../reachability/rules.js';
import { finding, PairSample, peerResource, type Rule, type RuleContext } from './context.js';
import { INTENT_ANNOTATION, intendedExposure, publishingServices } from './exposure-intent.js';

const INTERNET: readonly IpRange[] = subtractIps(ALL_IPV4, NON_INTERNET);

/**
 * One root cause, one row: the outside blocks a workload reaches with the same ports, merged and said as
 * "any internet address", "any internet address except …" or the merged ranges.
 */
function outsideText(blocks: readonly IpRange[]): string {
  const union = normalizeIps(blocks);
  const missing = subtractIps(INTERNET, union);
  if (missing.length === 0) return 'any internet address';
  if (missing.length <= MAX_EXCEPT && missing.length < union.length)
    return `any internet address except ${missing.map(formatIpRange).join(', ')}`;
  return union.map(formatIpRange).join(', ');
}
const MAX_EXCEPT = 8;

type Dir = 'ingress' | 'egress';

/** The rule paths that let outside blocks through, or why traffic is allowed without one. */
function because(
  ctx: RuleContext,
  c: number,
  dir: Dir,
  eps: readonly Endpoint[],
): { why: string; explicit: boolean } {
  const e = ctx.reach.engine;
  if (e.calico.applies(c, dir)) return calicoBecause(e, c, dir, eps);
  if (!e.isIsolated(c, dir))
    return {
      why: `no ${e.cilium ? 'NetworkPolicy or Cilium policy' : 'NetworkPolicy'} selects it for ${dir}, so it is non-isolated${e.isFree(c, dir) ? '' : ` (${e.cilium?.hasDeny(c, dir) ? 'Cilium deny rules or admin network policies' : 'admin network policies'} apply but do not deny this traffic)`}`,
      explicit: false,
    };
  const paths = e.allowPaths(c, dir, eps);
  return {
    why: paths.length ? `allowed by ${paths.join(', ')}` : 'allowed by an AdminNetworkPolicy Allow rule',
    explicit: true,
  };
}

/** The Calico rules (or the profile after every tier passed) that let the blocks through. */
function calicoBecause(
  e: RuleContext['reach']['engine'],
  c: number,
  dir: Dir,
  eps: readonly Endpoint[],
): { why: string; explicit: boolean } {
  const self = e.classEndpoint(c);
  const why: string[] = [];
  for (const ep of eps) e.calico.direction(c, dir, ep, dir === 'ingress' ? self : ep, why);
  const all = [...new Set(why)];
  return {
    why: `allowed by ${all.join(', ')}`,
    explicit: all.some((w) => !w.startsWith('the namespace profile')),
  };
}

function external(ctx: RuleContext, dir: Dir): Finding[] {
  const { engine, ingressBlocks, egressBlocks, exposed } = ctx.reach;
  const u = engine.u;
  const rule = dir === 'ingress' ? 'reachable-from-internet' : 'internet-egress';
  // Private, shared, loopback and link-local blocks are outside the cluster but not the internet.
  const blocks = (dir === 'ingress' ? ingressBlocks : egressBlocks).filter((b) => !isNonInternet(b.block));
  const viaController = new Map(exposed.map((x) => [x.peer, x]));
  const out: Finding[] = [];
  for (const cl of u.classes) {
    if (cl.peers.length === 0) continue;
    if (ctx.scope && !ctx.scope.namespaces.has(u.namespaces[cl.ns]!.name)) continue;
    const self = engine.classEndpoint(cl.index);
    const hits: { id: string; ep: Endpoint; conns: PortSet }[] = [];
    for (const b of blocks) {
      const ep: Endpoint = { type: 'ip', block: b.block };
      const conns = dir === 'ingress' ? engine.conns(ep, self) : engine.conns(self, ep);
      if (!conns.isEmpty()) hits.push({ id: b.id, ep, conns });
    }
    for (const p of cl.peers) {
      const ctrl = dir === 'ingress' ? viaController.get(p) : undefined;
      const ctrlOpen = ctrl !== undefined && !ctrl.conns.isEmpty();
      if (hits.length === 0 && !ctrlOpen) continue;
      const id = u.peers[p]!.id;
      const sample = new PairSample();
      let all = PortSet.empty;
      const byConns = new Map<string, { conns: PortSet; blocks: IpRange[] }>();
      for (const h of hits) {
        all = all.union(h.conns);
        const key = h.conns.toString();
        const g = byConns.get(key) ?? { conns: h.conns, blocks: [] };
        if (h.ep.type === 'ip') g.blocks.push(h.ep.block);
        byConns.set(key, g);
      }
      for (const g of [...byConns.values()]) {
        const outside = outsideText(g.blocks);
        if (dir === 'ingress') sample.add(outside, id, g.conns);
        else sample.add(id, outside, g.conns);
      }
      const reasons: string[] = [];
      let severity: Severity = 'low';
      let isolated = true;
      if (hits.length) {
        const b = because(
          ctx,
          cl.index,
          dir,
          hits.map((h) => h.ep),
        );
        reasons.push(`${id}: ${b.why}`);
        isolated = b.explicit;
        // docs/rules.md: ingress high when not isolated, medium through a rule; egress one step lower.
        if (dir === 'ingress') severity = b.explicit ? 'medium' : 'high';
        else severity = b.explicit ? 'low' : 'medium';
      }
      if (ctrlOpen && ctrl) {
        sample.add(INGRESS_CONTROLLER_ID, id, ctrl.conns);
        all = all.union(ctrl.conns);
        reasons.push(`exposed through ${ctrl.via.join(', ')} on ${ctrl.conns.toString()}`);
      }
      // "Exposed" needs something that publishes the pods; otherwise policy merely does not isolate them.
      const published =
        dir === 'ingress' ? [...publishingServices(ctx, p), ...(ctrlOpen && ctrl ? ctrl.via : [])] : [];
      const intent = dir === 'ingress' ? intendedExposure(ctx, cl.index, p) : undefined;
      if (intent) severity = 'info';
      const verb =
        dir === 'ingress'
          ? published.length
            ? `is exposed (${published.join(', ')}) and reachable from outside the cluster`
            : `${isolated ? 'is allowed by policy to receive traffic from outside the cluster' : 'is not isolated by policy from outside the cluster'}, but nothing publishes it (no LoadBalancer or NodePort Service, Ingress or Route)`
          : 'can reach addresses outside the cluster';
      const where = intent
        ? `${intent.kind} ${intent.namespace ? `${intent.namespace}/` : ''}${intent.name}`
        : '';
      if (intent) reasons.push(`${where} is annotated ${INTENT_ANNOTATION}: internet`);
      const f = finding(
        rule,
        severity,
        peerResource(ctx, p),
        {
          // A sentence says "on any port", not netpol-analyzer's "All Connections".
          message: `${intent ? 'Expected: ' : ''}Workload ${id} ${verb} on ${all.isAll() ? 'any port and protocol' : all.toString()}${intent ? `, as ${where} declares` : ''}.`,
          explanation: reasons.join('; '),
          remediation:
            dir === 'ingress'
              ? 'Restrict ingress to the load balancer or ingress controller and the ports in use (ipBlock/namespaceSelector with ports), or confirm the exposure is intended.'
              : 'Add an egress policy that allows only the external CIDRs and ports the workload needs (and DNS).',
        },
        sample,
      );
      out.push(intent ? { ...f, intent: { annotation: `${INTENT_ANNOTATION}=internet`, on: intent } } : f);
    }
  }
  return out;
}

export const reachableFromInternet: Rule = (ctx) => external(ctx, 'ingress');
export const internetEgress: Rule = (ctx) => external(ctx, 'egress');
