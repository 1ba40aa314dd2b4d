// IPv4 address sets and the split of the outside world into disjoint blocks (one peer per block).
import { formatIpv4, parseCidr } from '../model/cidr.js';
import type { IPBlock } from '../model/kube.js';

export const IPV4_MAX = 0xffffffff;

/** An inclusive IPv4 range as plain numbers (IPv4 fits a double exactly). */
export interface IpRange {
  readonly first: number;
  readonly last: number;
}

/** Sorted, disjoint ranges. */
export type IpSet = readonly IpRange[];

export const ALL_IPV4: IpSet = [{ first: 0, last: IPV4_MAX }];

function v4(cidr: string): IpRange | undefined {
  const c = parseCidr(cidr);
  if (!c || c.version !== 4) return undefined;
  return { first: Number(c.first), last: Number(c.last) };
}

/** An IPv4 set minus another (both sorted and disjoint). */
export function subtractIps(a: IpSet, b: IpSet): IpRange[] {
  const out: IpRange[] = [];
  for (const r of a) {
    let first = r.first;
    for (const x of b) {
      if (x.last < first || x.first > r.last) continue;
      if (x.first > first) out.push({ first, last: x.first - 1 });
      first = x.last + 1;
      if (first > r.last) break;
    }
    if (first <= r.last) out.push({ first, last: r.last });
  }
  return out;
}

/** Sorts and merges overlapping or adjacent ranges. */
export function normalizeIps(rs: readonly IpRange[]): IpRange[] {
  const sorted = [...rs].sort((x, y) => x.first - y.first);
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.first <= last.last + 1)
      out[out.length - 1] = { first: last.first, last: Math.max(last.last, r.last) };
    else out.push(r);
  }
  return out;
}

/** The IPv4 addresses of an ipBlock (cidr minus except); undefined for IPv6 blocks (IPv4-only analysis). */
export function ipBlockSet(block: IPBlock): IpSet | undefined {
  const outer = v4(block.cidr);
  if (!outer) return undefined;
  const except = normalizeIps((block.except ?? []).flatMap((e) => v4(e) ?? []));
  return subtractIps([outer], except);
}

/** The IPv4 range of a plain CIDR (ANP/BANP `networks`); undefined for IPv6. */
export function cidrSet(cidr: string): IpSet | undefined {
  const r = v4(cidr);
  return r ? [r] : undefined;
}

/**
 * Splits the IPv4 space at every boundary of the given sets, as netpol-analyzer does: each resulting
 * block is either wholly inside or wholly outside every set, so one block is one external peer.
 */
export function splitIpSpace(sets: readonly IpSet[]): IpRange[] {
  const cuts = new Set<number>([0]);
  for (const s of sets)
    for (const r of s) {
      cuts.add(r.first);
      if (r.last < IPV4_MAX) cuts.add(r.last + 1);
    }
  const starts = [...cuts].sort((a, b) => a - b);
  return starts.map((first, i) => ({
    first,
    last: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : IPV4_MAX,
  }));
}

/** True when the whole `block` lies inside `set`. */
export function containsRange(set: IpSet, block: IpRange): boolean {
  return set.some((r) => r.first <= block.first && block.last <= r.last);
}

/** Connlist notation of a block: "a.b.c.d-e.f.g.h". */
export function formatIpRange(r: IpRange): string {
  return `${formatIpv4(BigInt(r.first))}-${formatIpv4(BigInt(r.last))}`;
}

/** Address space that is not the internet: private (RFC 1918), shared (RFC 6598), loopback and link-local. */
export const NON_INTERNET: IpSet = normalizeIps(
  ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'].flatMap(
    (c) => cidrSet(c) ?? [],
  ),
);

/** True when the block lies wholly in private, shared, loopback or link-local space. */
export function isNonInternet(block: IpRange): boolean {
  return containsRange(NON_INTERNET, block);
}
