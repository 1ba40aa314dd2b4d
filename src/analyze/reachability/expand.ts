// Expands class-level results into peer-to-peer connections (only for clusters where the list is wanted).
import type { Connection } from '../../model/connectivity.js';
import type { IpRange } from '../ip-blocks.js';
import type { PortSet } from '../port-set.js';
import { cmp, type Engine } from './engine.js';
import type { ExposedPeer } from './exposure.js';
import type { Endpoint } from './rules.js';

export const INGRESS_CONTROLLER_ID = '{ingress-controller}';

export function connection(src: string, dst: string, conns: PortSet): Connection {
  return { src, dst, conns: conns.toConnectionSet(), text: conns.toString() };
}

/** Memoised class-to-class connections: equal classes are evaluated once, never pod by pod. */
export class ClassPairs {
  private readonly memo = new Map<number, PortSet>();
  constructor(private readonly engine: Engine) {}
  get(s: number, d: number): PortSet {
    const k = s * this.engine.u.classes.length + d;
    let v = this.memo.get(k);
    if (v === undefined) {
      v = this.engine.conns(this.engine.classEndpoint(s), this.engine.classEndpoint(d));
      this.memo.set(k, v);
    }
    return v;
  }
}

/** Every allowed connection between peers, sorted by src then dst (byte order), self-pairs left out. */
export function expandConnections(
  engine: Engine,
  ingressBlocks: readonly { id: string; block: IpRange }[],
  egressBlocks: readonly { id: string; block: IpRange }[],
  exposed: readonly ExposedPeer[],
): Connection[] {
  const u = engine.u;
  const out: Connection[] = [];
  const pairs = new ClassPairs(engine);
  const real = u.classes.filter((c) => c.peers.length > 0);
  for (const s of real)
    for (const d of real) {
      const conns = pairs.get(s.index, d.index);
      if (conns.isEmpty()) continue;
      for (const ps of s.peers)
        for (const pd of d.peers) {
          if (ps === pd) continue;
          out.push(connection(u.peers[ps]!.id, u.peers[pd]!.id, conns));
        }
    }
  for (const b of ingressBlocks) {
    const src: Endpoint = { type: 'ip', block: b.block };
    for (const d of real) {
      const conns = engine.conns(src, { type: 'class', c: d });
      if (!conns.isEmpty()) for (const pd of d.peers) out.push(connection(b.id, u.peers[pd]!.id, conns));
    }
  }
  for (const s of real) {
    for (const b of egressBlocks) {
      const conns = engine.conns({ type: 'class', c: s }, { type: 'ip', block: b.block });
      if (!conns.isEmpty()) for (const ps of s.peers) out.push(connection(u.peers[ps]!.id, b.id, conns));
    }
  }
  for (const e of exposed)
    if (!e.conns.isEmpty()) out.push(connection(INGRESS_CONTROLLER_ID, u.peers[e.peer]!.id, e.conns));
  return out.sort((a, b) => cmp(a.src, b.src) || cmp(a.dst, b.dst));
}
