// `named-port-undefined`: a rule port by name that no destination pod defines (the rule then allows nothing there).
import type { LintHit, LintRule } from '../context.js';
import { peerWorkloads } from '../context.js';
import { networkPolicies, rulesOf } from '../policy-shapes.js';
import type { WorkloadPeer } from '../../peers.js';
import { counted } from '../../../model/words.js';

export const namedPortUndefined: LintRule = (ctx) => {
  if (ctx.workloads.length === 0) return [];
  const hits: LintHit[] = [];
  for (const o of networkPolicies(ctx.objects)) {
    const { spec, namespace } = o.networkPolicy;
    for (const dir of ['ingress', 'egress'] as const) {
      for (const r of rulesOf(spec, dir)) {
        // Ingress ports name ports of the selected pods; egress ports name ports of the destination pods.
        let dests: WorkloadPeer[];
        if (dir === 'ingress') dests = ctx.podsIn(namespace, spec.podSelector);
        else if (!r.peers) dests = [...ctx.workloads];
        else if (r.peers.some((p) => p.ipBlock)) continue;
        else dests = r.peers.flatMap((p) => peerWorkloads(ctx, namespace, p));
        if (dests.length === 0) continue;
        const role = dir === 'ingress' ? 'selected' : 'destination';
        (r.ports ?? []).forEach((p, j) => {
          if (typeof p.port !== 'string') return;
          const proto = p.protocol ?? 'TCP';
          const defined = dests.some((w) => w.ports.some((c) => c.name === p.port && c.protocol === proto));
          if (!defined)
            hits.push({
              object: o,
              path: ['spec', dir, r.index, 'ports', j, 'port'],
              message:
                dests.length === 1
                  ? `named port "${p.port}"/${proto} is not defined by the ${role} workload`
                  : `named port "${p.port}"/${proto} is defined by none of the ${counted(dests.length, `${role} workload`)}`,
            });
        });
      }
    }
  }
  return hits;
};
