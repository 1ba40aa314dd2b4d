// Address ranges of external peers ("a.b.c.d-e.f.g.h[External]") and the arithmetic the vendor match needs.
import { formatIpv4, parseCidr, parseIpv4, parseIpv6 } from '../model/cidr.js';

export interface Range {
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/** Ranges wider than this are "internet-wide" egress, not a path to one vendor: IPv4 wider than a /8, IPv6 than a /32. */
export const WIDE_SIZE: Readonly<Record<4 | 6, bigint>> = { 4: 1n << 24n, 6: 1n << 96n };

function parseAddress(s: string): { version: 4 | 6; n: bigint } | undefined {
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { version: 4, n: v4 };
  const v6 = parseIpv6(s);
  return v6 !== undefined ? { version: 6, n: v6 } : undefined;
}

/** The range of an external peer id in connlist notation; undefined for other peers. */
export function externalRange(peerId: string): Range | undefined {
  const m = /^(.+)-(.+)\[External\]$/.exec(peerId);
  if (!m) return undefined;
  const a = parseAddress(m[1] ?? '');
  const b = parseAddress(m[2] ?? '');
  if (!a || !b || a.version !== b.version || a.n > b.n) return undefined;
  return { version: a.version, first: a.n, last: b.n };
}

export function cidrRange(cidr: string): Range | undefined {
  const c = parseCidr(cidr);
  return c ? { version: c.version, first: c.first, last: c.last } : undefined;
}

export function size(r: Range): bigint {
  return r.last - r.first + 1n;
}

export function isWide(r: Range): boolean {
  return size(r) > WIDE_SIZE[r.version];
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.version === inner.version && outer.first <= inner.first && inner.last <= outer.last;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last;
}

function compareRanges(a: Range, b: Range): number {
  if (a.version !== b.version) return a.version - b.version;
  return a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
}

/** Sorted, with touching or overlapping ranges joined: what a set of disjoint blocks adds up to. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort(compareRanges)) {
    const prev = out[out.length - 1];
    if (prev && prev.version === r.version && r.first <= prev.last + 1n) {
      out[out.length - 1] = { ...prev, last: r.last > prev.last ? r.last : prev.last };
    } else out.push(r);
  }
  return out;
}

/** The parts of `r` that none of `cover` contains. */
export function subtract(r: Range, cover: readonly Range[]): Range[] {
  let rest: Range[] = [r];
  for (const c of mergeRanges(cover)) {
    rest = rest.flatMap((x) => {
      if (!overlaps(x, c)) return [x];
      const parts: Range[] = [];
      if (x.first < c.first) parts.push({ ...x, last: c.first - 1n });
      if (x.last > c.last) parts.push({ ...x, first: c.last + 1n });
      return parts;
    });
  }
  return rest;
}

function formatAddress(version: 4 | 6, n: bigint): string {
  if (version === 4) return formatIpv4(n);
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((n >> s) & 0xffffn).toString(16));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(':');
  const head = groups.slice(0, best.at).join(':');
  const tail = groups.slice(best.at + best.len).join(':');
  return `${head}::${tail}`;
}

/** The fewest CIDRs that exactly cover `r` ("192.0.2.0/24"), for messages and stable resource names. */
export function toCidrs(r: Range): string[] {
  const bits = r.version === 4 ? 32 : 128;
  const out: string[] = [];
  let first = r.first;
  while (first <= r.last) {
    let prefix = bits;
    while (prefix > 0) {
      const size = 1n << BigInt(bits - prefix + 1);
      if (first % size !== 0n || first + size - 1n > r.last) break;
      prefix--;
    }
    out.push(`${formatAddress(r.version, first)}/${prefix}`);
    first += 1n << BigInt(bits - prefix);
  }
  return out;
}

/** Short text of a range: its CIDRs when there are few, else "first-last". */
export function rangeText(r: Range): string {
  const cidrs = toCidrs(r);
  return cidrs.length <= 3
    ? cidrs.join(', ')
    : `${formatAddress(r.version, r.first)}-${formatAddress(r.version, r.last)}`;
}
