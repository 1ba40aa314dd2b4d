// Which pod classes a change can affect, and the class pairs whose allowed ports it alters. A policy only
// changes the traffic of the pods it selects (its subjects): a path src -> dst is the sender's egress AND
// the receiver's ingress, so only pairs with a subject at one end need evaluating again.
import type { Engine } from '../../analyze/reachability/engine.js';
import type { PortSet } from '../../analyze/port-set.js';
import { outsideBlocks } from '../../analyze/reachability/index.js';
import type { Connection } from '../../model/connectivity.js';
import type { PolicyMap } from './policy-map.js';

/** Class pairs evaluated per change (both analyses) before the comparison stops as incomplete. */
export const CLASS_PAIR_BUDGET = 4_000_000;

/** Classes the changed policy keys select as subjects, in either analysis. */
export function affectedClasses(
  keys: readonly string[],
  before: Engine,
  after: Engine,
  beforeMap: PolicyMap,
  afterMap: PolicyMap,
): number[] {
  const out = new Set<number>();
  for (const engine of [before, after]) {
    const u = engine.u;
    const netpols = new Map(engine.netpols.map((p) => [`NetworkPolicy/${p.ref}`, p]));
    const admins = new Map([...engine.admins, ...engine.baselines].map((a) => [a.ref, a]));
    for (const key of keys) {
      const v = (engine === before ? beforeMap : afterMap).get(key);
      if (!v) continue;
      if (v.kind === 'NetworkPolicy') {
        const p = netpols.get(`NetworkPolicy/${v.namespace}/${v.name}`);
        if (!p || p.ns < 0) continue;
        for (const c of u.classesByNs[p.ns] ?? []) if (p.selector.matches(u.classes[c]!)) out.add(c);
      } else {
        const a = admins.get(`${v.kind}/${v.name}`);
        if (a) for (const c of engine.subjectClasses(a.subject)) out.add(c);
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** A class pair whose allowed ports differ (either side may be empty). */
export interface ClassPairChange {
  readonly src: number;
  readonly dst: number;
  readonly before: PortSet;
  readonly after: PortSet;
}

export interface ClassDelta {
  readonly pairs: readonly ClassPairChange[];
  /** Connections of the affected workloads with outside address blocks, in each analysis. */
  readonly externalBefore: readonly Connection[];
  readonly externalAfter: readonly Connection[];
  /** False when the budget ran out: the pairs are then a part of the change. */
  readonly complete: boolean;
}

function connection(src: string, dst: string, conns: PortSet): Connection {
  return { src, dst, conns: conns.toConnectionSet(), text: conns.toString() };
}

function externalOf(engine: Engine, classes: readonly number[]): Connection[] {
  const { ingressBlocks, egressBlocks } = blocksOf(engine);
  const u = engine.u;
  const out: Connection[] = [];
  for (const a of classes) {
    const cl = u.classes[a]!;
    if (cl.peers.length === 0) continue;
    const self = engine.classEndpoint(a);
    for (const b of egressBlocks) {
      const conns = engine.conns(self, { type: 'ip', block: b.block });
      if (!conns.isEmpty()) for (const p of cl.peers) out.push(connection(u.peers[p]!.id, b.id, conns));
    }
    for (const b of ingressBlocks) {
      const conns = engine.conns({ type: 'ip', block: b.block }, self);
      if (!conns.isEmpty()) for (const p of cl.peers) out.push(connection(b.id, u.peers[p]!.id, conns));
    }
  }
  return out;
}

/** The outside blocks of an engine, computed once per engine. */
const blockCache = new WeakMap<Engine, ReturnType<typeof outsideBlocks>>();

export function blocksOf(engine: Engine): ReturnType<typeof outsideBlocks> {
  let b = blockCache.get(engine);
  if (!b) {
    b = outsideBlocks(engine);
    blockCache.set(engine, b);
  }
  return b;
}

/**
 * Every class pair with an affected class at one end, evaluated in both analyses (same universe, so class
 * indices agree); pairs whose allowed ports differ are returned.
 */
export function classDelta(before: Engine, after: Engine, affected: readonly number[]): ClassDelta {
  const u = after.u;
  const isAffected = new Uint8Array(u.classes.length);
  for (const a of affected) isAffected[a] = 1;
  const real = u.classes.filter((c) => c.peers.length > 0).map((c) => c.index);
  const pairs: ClassPairChange[] = [];
  let budget = CLASS_PAIR_BUDGET;
  let complete = true;
  const check = (s: number, d: number): void => {
    const b = before.conns(before.classEndpoint(s), before.classEndpoint(d));
    const a = after.conns(after.classEndpoint(s), after.classEndpoint(d));
    if (!a.equals(b)) pairs.push({ src: s, dst: d, before: b, after: a });
  };
  outer: for (const a of affected) {
    if (u.classes[a]!.peers.length === 0) continue;
    for (const x of real) {
      if ((budget -= 2) < 0) {
        complete = false;
        break outer;
      }
      check(a, x);
      // (x, a) with x affected is checked as (x, ...) in x's own turn.
      if (x !== a && !isAffected[x]) check(x, a);
    }
  }
  return {
    pairs,
    externalBefore: externalOf(before, affected),
    externalAfter: externalOf(after, affected),
    complete,
  };
}
