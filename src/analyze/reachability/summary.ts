// Namespace-to-namespace summary without pod pairs: free-to-free pairs by counting, the rest by rule enumeration.
import type { NamespacePair, NamespaceSummary } from '../../model/connectivity.js';
import type { Engine } from './engine.js';
import type { PeerMatcher } from './rules.js';
import type { PodClass } from './universe.js';

/** Classes a rule peer can match; undefined when it can match every class (an `any` peer). */
function candidates(
  engine: Engine,
  peers: readonly PeerMatcher[],
  cache: Map<PeerMatcher, number[]>,
): number[] | undefined {
  const out: number[] = [];
  for (const p of peers) {
    if (p.kind === 'any') return undefined;
    if (p.kind !== 'pods') continue;
    let list = cache.get(p);
    if (!list) {
      list = engine.subjectClasses(p);
      cache.set(p, list);
    }
    for (const c of list) out.push(c);
  }
  return out;
}

/** Computes allowed workload pairs per ordered namespace pair; cost follows the policies, not pods squared. */
export function summarizeNamespaces(engine: Engine): NamespaceSummary {
  const u = engine.u;
  const nsCount = u.namespaces.length;
  const real = u.classes.filter((c) => c.peers.length > 0).map((c) => c.index);
  const all = real;
  const freeOut = new Float64Array(nsCount);
  const freeIn = new Float64Array(nsCount);
  const freeBoth = new Float64Array(nsCount);
  const eFree = new Uint8Array(u.classes.length);
  const iFree = new Uint8Array(u.classes.length);
  for (const c of real) {
    const cl = u.classes[c] as PodClass;
    const n = cl.peers.length;
    eFree[c] = engine.isFree(c, 'egress') ? 1 : 0;
    iFree[c] = engine.isFree(c, 'ingress') ? 1 : 0;
    if (eFree[c]) freeOut[cl.ns]! += n;
    if (iFree[c]) freeIn[cl.ns]! += n;
    if (eFree[c] && iFree[c]) freeBoth[cl.ns]! += n;
  }
  const sparse = new Map<number, number>();
  const rows = new Map<number, Map<number, number>>();
  const add = (s: number, d: number): void => {
    const cs = u.classes[s] as PodClass;
    const cd = u.classes[d] as PodClass;
    const n = cs.peers.length * cd.peers.length - (s === d ? cs.peers.length : 0);
    if (n === 0) return;
    const k = cs.ns * nsCount + cd.ns;
    sparse.set(k, (sparse.get(k) ?? 0) + n);
    const row = rows.get(cs.ns) ?? new Map<number, number>();
    row.set(cd.ns, (row.get(cd.ns) ?? 0) + n);
    rows.set(cs.ns, row);
  };
  const stamp = new Int32Array(u.classes.length).fill(-1);
  const cache = new Map<PeerMatcher, number[]>();
  // Destinations isolated for ingress: only sources some rule can match are candidates.
  for (const d of real) {
    if (iFree[d]) continue;
    const dEp = engine.classEndpoint(d);
    const rules = engine.ingressRules(d);
    let cands: number[] | undefined = [];
    for (const r of rules) {
      const c = candidates(engine, r.peers, cache);
      if (!c) {
        cands = undefined;
        break;
      }
      for (const x of c) cands.push(x);
    }
    for (const s of cands ?? all) {
      if (stamp[s] === d) continue;
      stamp[s] = d;
      if (!engine.conns(engine.classEndpoint(s), dEp).isEmpty()) add(s, d);
    }
  }
  stamp.fill(-1);
  // Sources isolated for egress towards destinations open for ingress.
  for (const s of real) {
    if (eFree[s]) continue;
    const sEp = engine.classEndpoint(s);
    const c = candidates(
      engine,
      engine.egressRules(s).flatMap((r) => r.peers),
      cache,
    );
    for (const d of c ?? all) {
      if (!iFree[d] || stamp[d] === s) continue;
      stamp[d] = s;
      if (!engine.conns(sEp, engine.classEndpoint(d)).isEmpty()) add(s, d);
    }
  }
  const names = u.namespaces.map((n) => n.name);
  const count = (a: number, b: number): number =>
    freeOut[a]! * freeIn[b]! - (a === b ? freeBoth[a]! : 0) + (sparse.get(a * nsCount + b) ?? 0);
  const sum = (x: Float64Array): number => x.reduce((acc, v) => acc + v, 0);
  let total = sum(freeOut) * sum(freeIn) - sum(freeBoth);
  for (const v of sparse.values()) total += v;
  let list: NamespacePair[] | undefined;
  const openIn = freeIn.reduce<number[]>((acc, v, i) => (v > 0 ? (acc.push(i), acc) : acc), []);
  const visible = u.namespaces.map((n, i) => ({ n, i })).filter((x) => !x.n.synthetic);
  const byName = [...visible]
    .sort((x, y) => (x.n.name < y.n.name ? -1 : x.n.name > y.n.name ? 1 : 0))
    .map((x) => x.i);
  return {
    namespaces: visible.map((x) => x.n.name).sort(),
    workloadPairs: total,
    pairCount: (src, dst) => {
      const a = u.nsIndex.get(src);
      const b = u.nsIndex.get(dst);
      return a === undefined || b === undefined ? 0 : count(a, b);
    },
    destinations: (src) => {
      const a = u.nsIndex.get(src);
      if (a === undefined) return [];
      const tmp = new Float64Array(nsCount);
      if (freeOut[a]! > 0) for (const b of openIn) tmp[b] = freeOut[a]! * freeIn[b]!;
      tmp[a]! -= freeBoth[a]!;
      for (const [b, n] of rows.get(a) ?? []) tmp[b]! += n;
      return byName.filter((b) => tmp[b]! > 0).map((b) => ({ namespace: names[b]!, workloadPairs: tmp[b]! }));
    },
    get pairs(): readonly NamespacePair[] {
      if (!list) {
        list = [];
        const sorted = [...visible].sort((x, y) => (x.n.name < y.n.name ? -1 : x.n.name > y.n.name ? 1 : 0));
        for (const a of sorted)
          for (const b of sorted) {
            const n = count(a.i, b.i);
            if (n > 0) list.push({ src: names[a.i]!, dst: names[b.i]!, workloadPairs: n });
          }
      }
      return list;
    },
  };
}
