// Hostname egress allowed by CNI policies (Cilium toFQDNs, Calico domains), matched to vendor hostnames.
import type { Subprocessor } from '../model/compliance.js';
import type { AffectedPair } from '../model/finding.js';
import type { OtherPolicy } from '../model/snapshot.js';
import { compareText } from './control-order.js';
import { emptyReach, type VendorReach } from './egress-match.js';

/** One hostname (or pattern) a policy lets its pods reach. */
export interface HostAllowance {
  /** "ns/name[Kind]" or "name[Kind]" for cluster-wide policies. */
  readonly policy: string;
  readonly namespace?: string;
  readonly host: string;
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Cilium: spec (and each of the top-level specs) .egress[].toFQDNs[].matchName | matchPattern. */
function ciliumHosts(p: OtherPolicy): string[] {
  const rules = [p.spec, ...list(p.specs).map(rec)].filter((r) => r !== undefined);
  return rules.flatMap((r) =>
    list(r.egress).flatMap((e) =>
      list(rec(e)?.toFQDNs).flatMap((f) => {
        const x = rec(f);
        return [x?.matchName, x?.matchPattern].filter((h): h is string => typeof h === 'string');
      }),
    ),
  );
}

/** Calico (projectcalico.org/v3): spec.egress[] with action Allow, destination.domains[]. */
function calicoHosts(spec: Record<string, unknown>): string[] {
  return list(spec.egress).flatMap((e) => {
    const r = rec(e);
    if (r?.action !== 'Allow') return [];
    return list(rec(r.destination)?.domains).filter((h): h is string => typeof h === 'string');
  });
}

/** Every hostname allowance in the snapshot's CNI-specific policies. */
export function hostAllowances(policies: readonly OtherPolicy[]): HostAllowance[] {
  const out: HostAllowance[] = [];
  for (const p of policies) {
    const cilium = p.apiVersion.startsWith('cilium.io/');
    const calico = p.apiVersion.startsWith('projectcalico.org/');
    if (!cilium && !calico) continue;
    const hosts = cilium ? ciliumHosts(p) : calicoHosts(p.spec);
    const id = p.namespace ? `${p.namespace}/${p.name}[${p.kind}]` : `${p.name}[${p.kind}]`;
    for (const host of new Set(hosts.map((h) => h.toLowerCase().replace(/\.$/, '')))) {
      out.push({ policy: id, ...(p.namespace ? { namespace: p.namespace } : {}), host });
    }
  }
  return out.sort((a, b) => compareText(`${a.policy} ${a.host}`, `${b.policy} ${b.host}`));
}

/** "*" stands for one DNS label or part of one (as in Cilium matchPattern); "*" alone for every name. */
function globMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  const re = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9_-]*');
  return new RegExp(`^${re}$`).test(name);
}

export function hostsMatch(a: string, b: string): boolean {
  return a === b || globMatches(a, b) || globMatches(b, a);
}

/**
 * Adds host allowances to the vendors' reach; returns those no vendor declares. A lone "*" is
 * internet-wide: it matches no vendor and is not reported as undeclared here.
 */
export function matchHosts(
  allowances: readonly HostAllowance[],
  vendors: readonly Subprocessor[],
  reach: Map<string, VendorReach>,
): Map<string, AffectedPair[]> {
  const undeclared = new Map<string, AffectedPair[]>();
  for (const a of allowances) {
    if (a.host === '*') continue;
    const hits = vendors.filter((v) => v.endpoints.hosts.some((h) => hostsMatch(h.toLowerCase(), a.host)));
    for (const v of hits) {
      const vr = reach.get(v.name) ?? emptyReach();
      reach.set(v.name, vr);
      vr.hostPolicies.add(a.policy);
      if (a.namespace !== undefined) vr.sourceNamespaces.add(a.namespace);
      vr.pairs.push({ src: a.policy, dst: a.host, conns: 'DNS name' });
    }
    if (hits.length === 0)
      undeclared.set(a.host, [
        ...(undeclared.get(a.host) ?? []),
        { src: a.policy, dst: a.host, conns: 'DNS name' },
      ]);
  }
  return undeclared;
}
