// Expands class-level results into peer-to-peer connections (only for clusters where the list is wanted).
import type { Connection } from '../../model/connectivity.js';
import type { IpRange } from '../ip-blocks.js';
import type { PortSet } from '../port-set.js';
import { Candidates } from './candidates.js';
import { cmp, type Engine } from './engine.js';
import type { ExposedPeer } from './exposure.js';
import type { Endpoint } from './rules.js';

export const INGRESS_CONTROLLER_ID = '{ingress-controller}';

export function connection(src: string, dst: string, conns: PortSet): Connection {
  return { src, dst, conns: conns.toConnectionSet(), text: conns.toString() };
}

/** One shared (immutable) ConnectionSet and text per class pair, reused by all its peer pairs. */
function shared(conns: PortSet): Pick<Connection, 'conns' | 'text'> {
  return { conns: conns.toConnectionSet(), text: conns.toString() };
}

/** Every allowed connection between peers, sorted by src then dst (byte order), self-pairs left out. */
export function expandConnections(
  engine: Engine,
  ingressBlocks: readonly { id: string; block: IpRange }[],
  egressBlocks: readonly { id: string; block: IpRange }[],
  exposed: readonly ExposedPeer[],
): Connection[] {
  const u = engine.u;
  // Rank every endpoint id once, so the final sort compares numbers, not millions of strings.
  const ids = [
    ...u.peers.map((p) => p.id),
    ...ingressBlocks.map((b) => b.id),
    ...egressBlocks.map((b) => b.id),
    INGRESS_CONTROLLER_ID,
  ];
  const order = [...new Set(ids)].sort(cmp);
  const rank = new Map(order.map((id, i) => [id, i]));
  const peerRank = u.peers.map((p) => rank.get(p.id)!);
  const width = order.length;
  const keys: number[] = [];
  const sets: Pick<Connection, 'conns' | 'text'>[] = [];
  const emit = (src: number, dst: number, c: Pick<Connection, 'conns' | 'text'>): void => {
    keys.push(src * width + dst);
    sets.push(c);
  };
  const real = u.classes.filter((c) => c.peers.length > 0);
  const realIdx = real.map((c) => c.index);
  const cands = new Candidates(engine);
  const stamp = new Int32Array(u.classes.length).fill(-1);
  // Only sources the rules allow are evaluated, so isolated clusters cost what their allowed pairs cost.
  for (const d of real) {
    const list = cands.iFree[d.index] ? realIdx : (cands.ingressSources(d.index).list ?? realIdx);
    const dEp = engine.classEndpoint(d.index);
    for (const si of list) {
      if (stamp[si] === d.index) continue;
      stamp[si] = d.index;
      const s = u.classes[si]!;
      if (s.peers.length === 0 || !cands.mayReach(si, d.index)) continue;
      const conns = engine.conns(engine.classEndpoint(si), dEp);
      if (conns.isEmpty()) continue;
      const c = shared(conns);
      for (const ps of s.peers)
        for (const pd of d.peers) if (ps !== pd) emit(peerRank[ps]!, peerRank[pd]!, c);
    }
  }
  for (const b of ingressBlocks) {
    const src: Endpoint = { type: 'ip', block: b.block };
    for (const d of real) {
      const conns = engine.conns(src, { type: 'class', c: d });
      if (conns.isEmpty()) continue;
      const c = shared(conns);
      for (const pd of d.peers) emit(rank.get(b.id)!, peerRank[pd]!, c);
    }
  }
  for (const s of real) {
    for (const b of egressBlocks) {
      const conns = engine.conns({ type: 'class', c: s }, { type: 'ip', block: b.block });
      if (conns.isEmpty()) continue;
      const c = shared(conns);
      for (const ps of s.peers) emit(peerRank[ps]!, rank.get(b.id)!, c);
    }
  }
  for (const e of exposed)
    if (!e.conns.isEmpty()) emit(rank.get(INGRESS_CONTROLLER_ID)!, peerRank[e.peer]!, shared(e.conns));
  const idx = sortedIndex(keys, width * width);
  return idx.map((i) => {
    const k = keys[i]!;
    const c = sets[i]!;
    return { src: order[Math.floor(k / width)]!, dst: order[k % width]!, conns: c.conns, text: c.text };
  });
}

/** Indices of `keys` in ascending key order; packs key and index into one double when they fit (native sort). */
function sortedIndex(keys: readonly number[], keyRange: number): number[] {
  const n = keys.length;
  if (keyRange * n < Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keys[i]! * n + i;
    packed.sort();
    return Array.from(packed, (v) => v % n);
  }
  return Array.from(keys.keys()).sort((x, y) => keys[x]! - keys[y]!);
}
