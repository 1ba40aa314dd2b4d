// reachable-from-internet / internet-egress: workloads that outside addresses can reach, or that can reach them.
import type { Finding, Severity } from '../../model/finding.js';
import { isNonInternet } from '../ip-blocks.js';
import { PortSet } from '../port-set.js';
import { INGRESS_CONTROLLER_ID } from '../reachability/pairs.js';
import { ruleMatches, type Endpoint } from '../reachability/rules.js';
import { finding, PairSample, peerResource, type Rule, type RuleContext } from './context.js';

type Dir = 'ingress' | 'egress';

/** The rule paths that let outside blocks through, or why traffic is allowed without one. */
function because(
  ctx: RuleContext,
  c: number,
  dir: Dir,
  eps: readonly Endpoint[],
): { why: string; explicit: boolean } {
  const e = ctx.reach.engine;
  const nps = dir === 'ingress' ? e.npIngress[c]! : e.npEgress[c]!;
  if (nps.length === 0)
    return {
      why: `no NetworkPolicy selects it for ${dir}, so it is non-isolated${e.isFree(c, dir) ? '' : ' (admin network policies apply but do not deny this traffic)'}`,
      explicit: false,
    };
  const paths = nps.flatMap((p) =>
    (p[dir] ?? []).filter((r) => eps.some((ep) => ruleMatches(r, ep))).map((r) => r.path),
  );
  return {
    why: paths.length ? `allowed by ${paths.join(', ')}` : 'allowed by an AdminNetworkPolicy Allow rule',
    explicit: true,
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
      for (const h of hits) {
        all = all.union(h.conns);
        if (dir === 'ingress') sample.add(h.id, id, h.conns);
        else sample.add(id, h.id, h.conns);
      }
      const reasons: string[] = [];
      let severity: Severity = 'low';
      if (hits.length) {
        const b = because(
          ctx,
          cl.index,
          dir,
          hits.map((h) => h.ep),
        );
        reasons.push(`${id}: ${b.why}`);
        // docs/rules.md: ingress high when not isolated, medium through a rule; egress one step lower.
        if (dir === 'ingress') severity = b.explicit ? 'medium' : 'high';
        else severity = b.explicit ? 'low' : 'medium';
      }
      if (ctrlOpen && ctrl) {
        sample.add(INGRESS_CONTROLLER_ID, id, ctrl.conns);
        all = all.union(ctrl.conns);
        reasons.push(`exposed through ${ctrl.via.join(', ')} on ${ctrl.conns.toString()}`);
      }
      const verb =
        dir === 'ingress'
          ? 'is reachable from outside the cluster'
          : 'can reach addresses outside the cluster';
      out.push(
        finding(
          rule,
          severity,
          peerResource(ctx, p),
          {
            message: `Workload ${id} ${verb} on ${all.toString()}.`,
            explanation: reasons.join('; '),
            remediation:
              dir === 'ingress'
                ? 'Restrict ingress to the load balancer or ingress controller and the ports in use (ipBlock/namespaceSelector with ports), or confirm the exposure is intended.'
                : 'Add an egress policy that allows only the external CIDRs and ports the workload needs (and DNS).',
          },
          sample,
        ),
      );
    }
  }
  return out;
}

export const reachableFromInternet: Rule = (ctx) => external(ctx, 'ingress');
export const internetEgress: Rule = (ctx) => external(ctx, 'egress');
