// `allow-all-peers` and `allow-all-ports`: rules that let every peer, or every port, through.
import type { NetworkPolicyPeer } from '../../../model/kube.js';
import { isEmptySelector } from '../../selectors.js';
import type { LintHit, LintRule } from '../context.js';
import { networkPolicies, peerField, rulesOf } from '../policy-shapes.js';

type Raw = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;

const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

/** Why a peer matches every source or destination, or undefined. */
function everyPeer(p: NetworkPolicyPeer): { field: string; why: string } | undefined {
  if (p.ipBlock) {
    if (EVERYWHERE.has(p.ipBlock.cidr) && !(p.ipBlock.except ?? []).length)
      return { field: 'ipBlock', why: `ipBlock ${p.ipBlock.cidr} matches every address` };
    return undefined;
  }
  if (!p.namespaceSelector && !p.podSelector) return { field: '', why: 'an empty peer {} matches every pod' };
  if (isEmptySelector(p.namespaceSelector) && (!p.podSelector || isEmptySelector(p.podSelector)))
    return { field: 'namespaceSelector', why: 'namespaceSelector {} matches every pod in every namespace' };
  return undefined;
}

export const allowAllPeers: LintRule = (ctx) => {
  const hits: LintHit[] = [];
  for (const o of networkPolicies(ctx.objects)) {
    for (const dir of ['ingress', 'egress'] as const) {
      for (const r of rulesOf(o.networkPolicy.spec, dir)) {
        const path = ['spec', dir, r.index];
        if (!r.peers) {
          hits.push({
            object: o,
            path,
            message: `${dir} rule has no ${peerField(dir)}: it allows every ${dir === 'ingress' ? 'source' : 'destination'}, inside and outside the cluster`,
          });
          continue;
        }
        r.peers.forEach((p, j) => {
          const e = everyPeer(p);
          const at = [...path, peerField(dir), j];
          if (e) hits.push({ object: o, path: e.field ? [...at, e.field] : at, message: e.why });
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
        const r = rec(rule);
        if (r?.action !== 'Allow') return;
        (Array.isArray(r[field]) ? (r[field] as unknown[]) : []).forEach((p, j) => {
          const peer = rec(p) ?? {};
          const at = ['spec', dir, i, field, j];
          const ns = rec(peer.namespaces);
          if (ns && isEmptySelector(ns))
            hits.push({
              object: o,
              path: [...at, 'namespaces'],
              message: 'Allow rule with namespaces {} matches every pod in every namespace',
            });
          const nets = Array.isArray(peer.networks) ? peer.networks : [];
          const k = nets.findIndex((n) => EVERYWHERE.has(String(n)));
          if (k >= 0)
            hits.push({
              object: o,
              path: [...at, 'networks', k],
              message: `Allow rule with network ${String(nets[k])} matches every address`,
            });
        });
      });
    }
  }
  return hits;
};

export const allowAllPorts: LintRule = (ctx) => {
  const hits: LintHit[] = [];
  for (const o of networkPolicies(ctx.objects)) {
    for (const dir of ['ingress', 'egress'] as const) {
      for (const r of rulesOf(o.networkPolicy.spec, dir)) {
        if (!r.peers) continue; // already an allow-all-peers result
        if (!r.ports) {
          hits.push({
            object: o,
            path: ['spec', dir, r.index],
            message: `${dir} rule lists no ports: every port and protocol of the peers is allowed`,
          });
          continue;
        }
        r.ports.forEach((p, j) => {
          if (typeof p.port === 'number' && p.port <= 1 && (p.endPort ?? 0) >= 65535)
            hits.push({
              object: o,
              path: ['spec', dir, r.index, 'ports', j, 'endPort'],
              message: `port range ${p.port}-${p.endPort ?? ''} covers every port`,
            });
        });
      }
    }
  }
  for (const o of ctx.objects) {
    const spec = o.admin?.spec ?? o.baseline?.spec;
    if (!spec) continue;
    for (const dir of ['ingress', 'egress'] as const) {
      (Array.isArray(spec[dir]) ? (spec[dir] as unknown[]) : []).forEach((rule, i) => {
        const r = rec(rule);
        if (r?.action === 'Allow' && r.ports === undefined)
          hits.push({
            object: o,
            path: ['spec', dir, i],
            message: `Allow ${dir} rule lists no ports: every port is allowed`,
          });
      });
    }
  }
  return hits;
};
