// `peer-matches-nothing`: a rule peer whose selectors match no namespace or no workload (often a label typo).
import { peerWorkloads, type LintHit, type LintRule } from '../context.js';
import { networkPolicies, peerField, rulesOf } from '../policy-shapes.js';
import { adminTargetEmpty } from './selector-matches-nothing.js';

type Raw = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;

export const peerMatchesNothing: LintRule = (ctx) => {
  if (ctx.workloads.length === 0) return [];
  const hits: LintHit[] = [];
  for (const o of networkPolicies(ctx.objects)) {
    for (const dir of ['ingress', 'egress'] as const) {
      for (const r of rulesOf(o.networkPolicy.spec, dir)) {
        (r.peers ?? []).forEach((peer, j) => {
          if (peer.ipBlock) return;
          const path = ['spec', dir, r.index, peerField(dir), j];
          if (peer.namespaceSelector && ctx.namespacesMatching(peer.namespaceSelector).length === 0) {
            hits.push({
              object: o,
              path: [...path, 'namespaceSelector'],
              message: 'namespaceSelector matches no namespace: the rule allows nothing',
            });
            return;
          }
          if (peerWorkloads(ctx, o.networkPolicy.namespace, peer).length === 0)
            hits.push({
              object: o,
              path: [...path, peer.podSelector ? 'podSelector' : 'namespaceSelector'],
              message: 'peer matches no workload: the rule allows nothing (check the labels)',
            });
        });
      }
    }
  }
  for (const o of ctx.objects) {
    const spec = o.admin?.spec ?? o.baseline?.spec;
    if (!spec) continue;
    for (const dir of ['ingress', 'egress'] as const) {
      const field = peerField(dir);
      (Array.isArray(spec[dir]) ? (spec[dir] as unknown[]) : []).forEach((rule, i) => {
        const peers = rec(rule)?.[field];
        (Array.isArray(peers) ? peers : []).forEach((p: unknown, j: number) => {
          const peer = rec(p);
          if (!peer) return;
          const hit = adminTargetEmpty(ctx, o, peer, ['spec', dir, i, field, j]);
          if (hit) hits.push(hit);
        });
      });
    }
  }
  return hits;
};
