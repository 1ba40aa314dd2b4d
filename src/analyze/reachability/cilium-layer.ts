// Cilium policies per pod class: which isolate it, which allow (joining the NetworkPolicy layer) and which deny.
import type { Snapshot } from '../../model/snapshot.js';
import type { IpSet } from '../ip-blocks.js';
import { PortSet } from '../port-set.js';
import { compileCilium, isCilium, type CiliumRule, type CompiledCilium } from './compile-cilium.js';
import { resolvePorts, ruleMatches, type CompiledRule, type Endpoint } from './rules.js';
import { isEmptySelector } from '../selectors.js';
import { nsHas, type NamespaceSet, type PodSelector, type Universe } from './universe.js';

type Dir = 'ingress' | 'egress';

interface PerDir {
  readonly isolate: Uint8Array;
  /** Allow rules of every Cilium rule selecting the class (also those with enableDefaultDeny false). */
  readonly allow: (CiliumRule[] | undefined)[];
  readonly deny: (CompiledRule[] | undefined)[];
  /** Policies selecting the class in this direction, "Kind/ns/name", in policy order. */
  readonly refs: (string[] | undefined)[];
}

/** Ports of a connection that only L7-restricted rules allow, and the L7 protocols that restrict them. */
export interface L7Part {
  readonly ports: PortSet;
  readonly kinds: readonly string[];
}

const push = <T>(lists: (T[] | undefined)[], c: number, items: readonly T[]): void => {
  if (items.length === 0) return;
  const l = lists[c];
  if (l) l.push(...items);
  else lists[c] = [...items];
};

export class CiliumLayer {
  readonly policies: readonly CompiledCilium[];
  readonly hasL7: boolean;
  private readonly by: Record<Dir, PerDir>;

  constructor(
    u: Universe,
    snapshot: Pick<Snapshot, 'otherPolicies' | 'services'>,
    subjectClasses: (s: { ns: NamespaceSet; pod?: PodSelector }) => number[],
  ) {
    const n = u.classes.length;
    const perDir = (): PerDir => ({ isolate: new Uint8Array(n), allow: [], deny: [], refs: [] });
    this.by = { ingress: perDir(), egress: perDir() };
    this.policies = snapshot.otherPolicies
      .filter(isCilium)
      .map((p) => compileCilium(u, p, snapshot.services))
      .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    let l7 = false;
    for (const p of this.policies)
      for (const r of p.rules) {
        if (!r.subject) continue;
        const classes = subjectClasses(r.subject);
        for (const dir of ['ingress', 'egress'] as const) {
          const d = r[dir];
          if (!d.defaultDeny && d.allow.length === 0 && d.deny.length === 0) continue;
          if (d.allow.some((x) => x.l7.length > 0)) l7 = true;
          const by = this.by[dir];
          for (const c of classes) {
            if (d.defaultDeny) by.isolate[c] = 1;
            push(by.allow, c, d.allow);
            push(by.deny, c, d.deny);
            const refs = by.refs[c];
            if (!refs) by.refs[c] = [p.ref];
            else if (refs[refs.length - 1] !== p.ref) refs.push(p.ref);
          }
        }
      }
    this.hasL7 = l7;
  }

  /** Some Cilium rule selecting the class puts it in default-deny for this direction. */
  isolates(c: number, dir: Dir): boolean {
    return this.by[dir].isolate[c] === 1;
  }

  hasDeny(c: number, dir: Dir): boolean {
    return this.by[dir].deny[c] !== undefined;
  }

  allowRules(c: number, dir: Dir): readonly CiliumRule[] {
    return this.by[dir].allow[c] ?? [];
  }

  refs(c: number, dir: Dir): readonly string[] {
    return this.by[dir].refs[c] ?? [];
  }

  /** Union of what the Cilium allow rules selecting `c` allow with `peer` (ports resolved at `at`). */
  allowed(c: number, dir: Dir, peer: Endpoint, at: Endpoint): PortSet {
    return union(this.by[dir].allow[c], peer, at);
  }

  /** What the Cilium deny rules selecting `c` deny with `peer`: subtracted from every allow. */
  denied(c: number, dir: Dir, peer: Endpoint, at: Endpoint): PortSet {
    return union(this.by[dir].deny[c], peer, at);
  }

  /** Ports allowed by L7-restricted rules and by no plain (L3/L4-only) Cilium rule. */
  l7Only(c: number, dir: Dir, peer: Endpoint, at: Endpoint): L7Part | undefined {
    const rules = this.by[dir].allow[c];
    if (!rules) return undefined;
    let l7 = PortSet.empty;
    let plain = PortSet.empty;
    const kinds = new Set<string>();
    for (const r of rules) {
      if (!ruleMatches(r, peer)) continue;
      const ports = resolvePorts(r.ports, at);
      if (r.l7.length === 0) plain = plain.union(ports);
      else if (!ports.isEmpty()) {
        l7 = l7.union(ports);
        for (const k of r.l7) kinds.add(k);
      }
    }
    const ports = l7.subtract(plain);
    return ports.isEmpty() ? undefined : { ports, kinds: [...kinds].sort() };
  }

  /**
   * Policies that put every pod of namespace `ns` in default deny for `dir`: a rule whose endpointSelector
   * has no pod requirement and covers the namespace, and that has no rule letting every peer through.
   */
  namespaceDefaultDenies(ns: number, dir: Dir): string[] {
    const out = new Set<string>();
    for (const p of this.policies)
      for (const r of p.rules) {
        const d = r[dir];
        if (!r.subject || !d.defaultDeny || !nsHas(r.subject.ns, ns)) continue;
        if (r.subject.pod && !isEmptySelector(r.subject.pod.selector)) continue;
        if (d.allow.some((x) => x.peers.some((m) => m.kind === 'any') && x.ports.fixed.isAll())) continue;
        out.add(p.ref);
      }
    return [...out];
  }

  /** Every CIDR the rules of one direction name, so the outside world is split at their edges. */
  ipSets(dir: Dir): IpSet[] {
    const out: IpSet[] = [];
    for (const p of this.policies)
      for (const r of p.rules)
        for (const x of [...r[dir].allow, ...r[dir].deny])
          for (const m of x.peers) if (m.kind === 'ip') out.push(m.set);
    return out;
  }
}

function union(rules: readonly CompiledRule[] | undefined, peer: Endpoint, at: Endpoint): PortSet {
  let out = PortSet.empty;
  for (const r of rules ?? []) {
    if (!ruleMatches(r, peer)) continue;
    out = out.union(resolvePorts(r.ports, at));
    if (out.isAll()) return out;
  }
  return out;
}
