// Peer-to-peer connections produced lazily, one source at a time in sort order, so no output ever holds
// every pair: a CSV writer or the first N rows of evidence.json pull only what they write.
import type { Connection, NamespaceSummary } from '../../model/connectivity.js';
import type { IpRange } from '../ip-blocks.js';
import type { PortSet } from '../port-set.js';
import { Candidates } from './candidates.js';
import { cmp, type Engine } from './engine.js';
import type { ExposedPeer } from './exposure.js';
import type { L7Part } from './cilium-layer.js';
import type { Endpoint } from './rules.js';
import type { PodClass } from './universe.js';

export const INGRESS_CONTROLLER_ID = '{ingress-controller}';

type Shared = Pick<Connection, 'conns' | 'text' | 'l7'>;

/** One shared (immutable) ConnectionSet and text per distinct port set, reused by every pair that has it. */
class Interned {
  private readonly byKey = new Map<string, Shared>();
  // The engine often hands back the same PortSet instance (PortSet.all, a rule's ports): no key needed then.
  private readonly bySet = new WeakMap<PortSet, Shared>();
  of(conns: PortSet, l7?: L7Part): Shared {
    if (l7) return this.withL7(conns, l7);
    let s = this.bySet.get(conns);
    if (s) return s;
    const k = conns.key();
    s = this.byKey.get(k);
    if (!s) {
      s = { conns: conns.toConnectionSet(), text: conns.toString() };
      this.byKey.set(k, s);
    }
    this.bySet.set(conns, s);
    return s;
  }
  private withL7(conns: PortSet, l7: L7Part): Shared {
    const k = `${conns.key()}#${l7.ports.key()}#${l7.kinds.join(',')}`;
    let s = this.byKey.get(k);
    if (!s) {
      s = {
        conns: conns.toConnectionSet(),
        text: conns.toString(),
        l7: { protocols: l7.kinds, text: l7.ports.toString() },
      };
      this.byKey.set(k, s);
    }
    return s;
  }
}

function pair(src: string, dst: string, s: Shared): Connection {
  return s.l7
    ? { src, dst, conns: s.conns, text: s.text, l7: s.l7 }
    : { src, dst, conns: s.conns, text: s.text };
}

/** Destinations of one source, in rank order: ranks[i] gets sets[at[i]]. */
interface Row {
  readonly ranks: Int32Array;
  readonly at: Int32Array;
  readonly sets: readonly Shared[];
}

/** Collects (rank, set) entries and sorts them by rank (ranks are unique within one row). */
class RowBuilder {
  private readonly ranks: number[] = [];
  private readonly at: number[] = [];
  readonly sets: Shared[] = [];
  private readonly index = new Map<Shared, number>();
  constructor(private readonly interned: Interned) {}
  add(set: PortSet, l7?: L7Part): number {
    const s = this.interned.of(set, l7);
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.sets.length;
      this.sets.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  push(rank: number, set: number): void {
    this.ranks.push(rank);
    this.at.push(set);
  }
  /**
   * Sorted by rank. With `mark` (one -1 per rank, left as found), a dense row is placed by rank and read
   * back in one scan instead of sorted; rows with repeated ranks must not pass it.
   */
  build(mark?: Int32Array): Row {
    const n = this.ranks.length;
    if (mark && n * 16 >= mark.length) {
      for (let i = 0; i < n; i++) mark[this.ranks[i]!] = this.at[i]!;
      const ranks = new Int32Array(n);
      const at = new Int32Array(n);
      let k = 0;
      for (let r = 0; r < mark.length && k < n; r++) {
        const a = mark[r]!;
        if (a < 0) continue;
        ranks[k] = r;
        at[k++] = a;
        mark[r] = -1;
      }
      return { ranks, at, sets: this.sets };
    }
    const m = Math.max(1, this.sets.length);
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = this.ranks[i]! * m + this.at[i]!;
    packed.sort();
    const ranks = new Int32Array(n);
    const at = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = packed[i]!;
      at[i] = v % m;
      ranks[i] = (v - at[i]!) / m;
    }
    return { ranks, at, sets: this.sets };
  }
}

export interface PairInputs {
  readonly engine: Engine;
  readonly ingressBlocks: readonly { id: string; block: IpRange }[];
  readonly egressBlocks: readonly { id: string; block: IpRange }[];
  readonly exposed: readonly ExposedPeer[];
  readonly summary: NamespaceSummary;
}

/**
 * Lazy producer of every allowed connection, sorted by src then dst (byte order), self-pairs left out.
 * A workload source's destinations are the classes of the namespaces the class-level summary says it
 * reaches, so the cost follows the rows produced, not the square of the cluster.
 */
export class PairProducer {
  private readonly order: string[];
  private readonly rank: Map<string, number>;
  private readonly peerRank: Int32Array;
  /** Per rank: the workload peer there (-1 if none). */
  private readonly peerAt: Int32Array;
  private readonly cands: Candidates;
  private readonly real: number[];
  private total: number | undefined;
  private readonly interned = new Interned();
  /** Scratch for RowBuilder.build: -1 everywhere between rows. */
  private readonly mark: Int32Array;

  constructor(private readonly p: PairInputs) {
    const u = p.engine.u;
    const ids = [
      ...u.peers.map((x) => x.id),
      ...p.ingressBlocks.map((b) => b.id),
      ...p.egressBlocks.map((b) => b.id),
      ...(p.exposed.length ? [INGRESS_CONTROLLER_ID] : []),
    ];
    this.order = [...new Set(ids)].sort(cmp);
    this.rank = new Map(this.order.map((id, i) => [id, i]));
    this.peerRank = Int32Array.from(u.peers, (x) => this.rank.get(x.id)!);
    this.peerAt = new Int32Array(this.order.length).fill(-1);
    this.mark = new Int32Array(this.order.length).fill(-1);
    this.peerRank.forEach((r, i) => (this.peerAt[r] = i));
    this.cands = new Candidates(p.engine);
    this.real = u.classes.filter((c) => c.peers.length > 0).map((c) => c.index);
  }

  /** Every connection in order; stop pulling to stop computing. */
  *connections(): Generator<Connection> {
    const u = this.p.engine.u;
    const ingressById = new Map(this.p.ingressBlocks.map((b) => [b.id, b]));
    // Rows of classes whose peers are not all emitted yet (peers of one class share one row).
    const open = new Map<number, { row: Row; left: number }>();
    const nsCache = new Map<number, number[]>();
    for (let r = 0; r < this.order.length; r++) {
      const id = this.order[r]!;
      let row: Row;
      const peer = this.peerAt[r]!;
      if (peer >= 0) {
        const c = u.peerClass[peer]!;
        let entry = open.get(c);
        if (!entry) {
          entry = { row: this.classRow(c, nsCache), left: u.classes[c]!.peers.length };
          open.set(c, entry);
        }
        if (--entry.left === 0) open.delete(c);
        row = entry.row;
      } else if (ingressById.has(id)) row = this.blockRow(ingressById.get(id)!.block);
      else if (id === INGRESS_CONTROLLER_ID) row = this.controllerRow();
      else continue;
      for (let i = 0; i < row.ranks.length; i++) {
        const d = row.ranks[i]!;
        if (d === r) continue;
        const s = row.sets[row.at[i]!]!;
        yield pair(id, this.order[d]!, s);
      }
    }
  }

  /** Connections from workloads to the outside world only (the vendor egress checks): classes x blocks. */
  *externalEgress(): Generator<Connection> {
    const u = this.p.engine.u;
    const rows = new Map<number, Row>();
    const blocks = [...this.p.egressBlocks].sort((a, b) => cmp(a.id, b.id));
    for (let r = 0; r < this.order.length; r++) {
      const peer = this.peerAt[r]!;
      if (peer < 0) continue;
      const c = u.peerClass[peer]!;
      let row = rows.get(c);
      if (!row) {
        const b = new RowBuilder(this.interned);
        this.egressTo(c, blocks, b);
        row = b.build();
        rows.set(c, row);
      }
      for (let i = 0; i < row.ranks.length; i++) {
        const s = row.sets[row.at[i]!]!;
        yield pair(this.order[r]!, this.order[row.ranks[i]!]!, s);
      }
    }
  }

  /** How many connections `connections()` yields, counted per class without building pairs. */
  count(): number {
    if (this.total !== undefined) return this.total;
    const e = this.p.engine;
    const u = e.u;
    let n = this.p.summary.workloadPairs;
    for (const b of this.p.ingressBlocks) {
      const src: Endpoint = { type: 'ip', block: b.block };
      for (const d of this.real)
        if (!e.conns(src, e.classEndpoint(d)).isEmpty()) n += u.classes[d]!.peers.length;
    }
    for (const s of this.real)
      for (const b of this.p.egressBlocks)
        if (!e.conns(e.classEndpoint(s), { type: 'ip', block: b.block }).isEmpty())
          n += u.classes[s]!.peers.length;
    for (const x of this.p.exposed) if (!x.conns.isEmpty()) n++;
    this.total = n;
    return n;
  }

  private egressTo(s: number, blocks: readonly { id: string; block: IpRange }[], b: RowBuilder): void {
    const e = this.p.engine;
    const sEp = e.classEndpoint(s);
    for (const x of blocks) {
      const dst: Endpoint = { type: 'ip', block: x.block };
      const conns = e.conns(sEp, dst);
      if (!conns.isEmpty()) b.push(this.rank.get(x.id)!, b.add(conns, e.l7Part(sEp, dst, conns)));
    }
  }

  /** Destinations of the workload class `s`: classes of the namespaces it reaches, then outside blocks. */
  private classRow(s: number, nsCache: Map<number, number[]>): Row {
    const e = this.p.engine;
    const u = e.u;
    const ns = (u.classes[s] as PodClass).ns;
    let dests = nsCache.get(ns);
    if (!dests) {
      const name = u.namespaces[ns]!.name;
      dests = this.p.summary.destinations(name).map((x) => u.nsIndex.get(x.namespace)!);
      // Peers are sorted by "ns/name", so a namespace's classes come together: a few entries suffice.
      if (nsCache.size >= 8) nsCache.delete(nsCache.keys().next().value!);
      nsCache.set(ns, dests);
    }
    const b = new RowBuilder(this.interned);
    const sEp = e.classEndpoint(s);
    for (const dn of dests)
      for (const d of u.classesByNs[dn] ?? []) {
        const dc = u.classes[d] as PodClass;
        if (dc.peers.length === 0 || !this.cands.mayReach(s, d)) continue;
        const dEp = e.classEndpoint(d);
        const conns = e.conns(sEp, dEp);
        if (conns.isEmpty()) continue;
        const set = b.add(conns, e.l7Part(sEp, dEp, conns));
        for (const pd of dc.peers) b.push(this.peerRank[pd]!, set);
      }
    this.egressTo(s, this.p.egressBlocks, b);
    // Each destination peer and block appears once, so the dense placement applies.
    return b.build(this.mark);
  }

  /** Workloads an outside block may send to. */
  private blockRow(block: IpRange): Row {
    const e = this.p.engine;
    const b = new RowBuilder(this.interned);
    const src: Endpoint = { type: 'ip', block };
    for (const d of this.real) {
      const dEp = e.classEndpoint(d);
      const conns = e.conns(src, dEp);
      if (conns.isEmpty()) continue;
      const set = b.add(conns, e.l7Part(src, dEp, conns));
      for (const pd of e.u.classes[d]!.peers) b.push(this.peerRank[pd]!, set);
    }
    return b.build(this.mark);
  }

  private controllerRow(): Row {
    const b = new RowBuilder(this.interned);
    for (const x of this.p.exposed) if (!x.conns.isEmpty()) b.push(this.peerRank[x.peer]!, b.add(x.conns));
    return b.build();
  }
}
