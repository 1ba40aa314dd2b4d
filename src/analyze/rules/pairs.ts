// Bounded enumeration of the workload/IP pairs a finding affects, from class-level results.
import type { Engine } from '../reachability/engine.js';
import { ruleMatches, type CompiledRule, type Endpoint } from '../reachability/rules.js';
import { PairSample, type RuleContext } from './context.js';

/** Class-pair evaluations one finding may spend; past it the count is a lower bound. */
export const PAIR_BUDGET = 200_000;

export interface Pairs {
  readonly sample: PairSample;
  /** False when the budget ran out (pairCount is then "at least"). */
  readonly complete: boolean;
}

/** Every class index of an engine, built once (findings ask for it thousands of times on a large cluster). */
const allClasses = new WeakMap<Engine, readonly number[]>();

function everyClass(engine: Engine): readonly number[] {
  let all = allClasses.get(engine);
  if (!all) {
    all = engine.u.classes.map((c) => c.index);
    allClasses.set(engine, all);
  }
  return all;
}

/** Classes the rules can match (deduplicated); every class when a rule matches anything or rules is undefined. */
function candidateClasses(engine: Engine, rules: readonly CompiledRule[] | undefined): readonly number[] {
  const all = everyClass(engine);
  if (!rules) return all;
  const out = new Set<number>();
  for (const r of rules)
    for (const p of r.peers) {
      if (p.kind === 'any') return all;
      if (p.kind === 'pods') for (const c of engine.subjectClasses(p)) out.add(c);
    }
  return [...out].sort((a, b) => a - b);
}

const accepts = (rules: readonly CompiledRule[] | undefined, ep: Endpoint): boolean =>
  !rules || rules.some((r) => ruleMatches(r, ep));

/** Pairs into the `dsts` classes from sources the rules match (every source when rules is undefined). */
export function pairsInto(ctx: RuleContext, dsts: readonly number[], rules?: readonly CompiledRule[]): Pairs {
  const { engine, ingressBlocks } = ctx.reach;
  const u = engine.u;
  const cands = candidateClasses(engine, rules);
  const sample = new PairSample();
  let budget = PAIR_BUDGET;
  for (const d of dsts) {
    const dc = u.classes[d]!;
    if (dc.peers.length === 0) continue;
    const dEp = engine.classEndpoint(d);
    for (const b of ingressBlocks) {
      const src: Endpoint = { type: 'ip', block: b.block };
      if (!accepts(rules, src)) continue;
      const conns = engine.conns(src, dEp);
      if (!conns.isEmpty()) for (const pd of dc.peers) sample.add(b.id, u.peers[pd]!.id, conns);
    }
    for (const c of cands) {
      const sc = u.classes[c]!;
      if (sc.peers.length === 0) continue;
      if (--budget < 0) return { sample, complete: false };
      const src = engine.classEndpoint(c);
      if (!accepts(rules, src)) continue;
      const conns = engine.conns(src, dEp);
      if (conns.isEmpty()) continue;
      for (const ps of sc.peers)
        for (const pd of dc.peers) if (ps !== pd) sample.add(u.peers[ps]!.id, u.peers[pd]!.id, conns);
    }
  }
  return { sample, complete: true };
}

/** Pairs from the `srcs` classes to destinations the rules match (every destination when rules is undefined). */
export function pairsFrom(ctx: RuleContext, srcs: readonly number[], rules?: readonly CompiledRule[]): Pairs {
  const { engine, egressBlocks } = ctx.reach;
  const u = engine.u;
  const cands = candidateClasses(engine, rules);
  const sample = new PairSample();
  let budget = PAIR_BUDGET;
  for (const s of srcs) {
    const sc = u.classes[s]!;
    if (sc.peers.length === 0) continue;
    const sEp = engine.classEndpoint(s);
    for (const b of egressBlocks) {
      const dst: Endpoint = { type: 'ip', block: b.block };
      if (!accepts(rules, dst)) continue;
      const conns = engine.conns(sEp, dst);
      if (!conns.isEmpty()) for (const ps of sc.peers) sample.add(u.peers[ps]!.id, b.id, conns);
    }
    for (const c of cands) {
      const dc = u.classes[c]!;
      if (dc.peers.length === 0) continue;
      if (--budget < 0) return { sample, complete: false };
      const dst = engine.classEndpoint(c);
      if (!accepts(rules, dst)) continue;
      const conns = engine.conns(sEp, dst);
      if (conns.isEmpty()) continue;
      for (const ps of sc.peers)
        for (const pd of dc.peers) if (ps !== pd) sample.add(u.peers[ps]!.id, u.peers[pd]!.id, conns);
    }
  }
  return { sample, complete: true };
}
