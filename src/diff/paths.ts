// Reachability paths opened and closed. External peers are compared as address ranges, because the
// analysis splits the outside world at every ipBlock boundary: a new CIDR elsewhere renames the blocks.
import type { Connection } from '../model/connectivity.js';
import { externalRange, mergeRanges, rangeText, subtract, type Range } from '../compliance/ranges.js';
import type { PathChange, PathScope } from './types.js';

const EXTERNAL_SIDE = /\[External\]$/;

function namespaceOf(peer: string): string | undefined {
  if (EXTERNAL_SIDE.test(peer) || peer.startsWith('{')) return undefined;
  const i = peer.indexOf('/');
  return i > 0 ? peer.slice(0, i) : undefined;
}

function scopeOf(src: string, dst: string): PathScope {
  const a = namespaceOf(src);
  const b = namespaceOf(dst);
  if (a === undefined || b === undefined) return 'external';
  return a === b ? 'same-namespace' : 'cross-namespace';
}

interface ExternalGroup {
  readonly workload: string;
  readonly direction: 'egress' | 'ingress';
  readonly text: string;
  readonly ranges: Range[];
}

/** Groups external connections by (workload, direction, ports) with their merged address ranges. */
function externalGroups(conns: readonly Connection[]): Map<string, ExternalGroup> {
  const out = new Map<string, ExternalGroup>();
  for (const c of conns) {
    const dstRange = externalRange(c.dst);
    const srcRange = externalRange(c.src);
    const [workload, direction, range] = dstRange
      ? [c.src, 'egress' as const, dstRange]
      : srcRange
        ? [c.dst, 'ingress' as const, srcRange]
        : [undefined, undefined, undefined];
    if (!workload || !direction || !range) continue;
    const key = `${direction}|${workload}|${c.text}`;
    const g = out.get(key) ?? { workload, direction, text: c.text, ranges: [] };
    g.ranges.push(range);
    out.set(key, g);
  }
  return out;
}

function externalChanges(before: readonly Connection[], after: readonly Connection[]): PathChange[] {
  const a = externalGroups(before);
  const b = externalGroups(after);
  const out: PathChange[] = [];
  const emit = (g: ExternalGroup, ranges: Range[], change: 'opened' | 'closed'): void => {
    for (const r of mergeRanges(ranges)) {
      const ext = `${rangeText(r)}[External]`;
      const [src, dst] = g.direction === 'egress' ? [g.workload, ext] : [ext, g.workload];
      out.push({
        src,
        dst,
        change,
        ...(change === 'opened' ? { after: g.text } : { before: g.text }),
        scope: 'external',
      });
    }
  };
  for (const [key, g] of b)
    emit(
      g,
      g.ranges.flatMap((r) => subtract(r, a.get(key)?.ranges ?? [])),
      'opened',
    );
  for (const [key, g] of a)
    emit(
      g,
      g.ranges.flatMap((r) => subtract(r, b.get(key)?.ranges ?? [])),
      'closed',
    );
  return out;
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Opened, closed and changed paths, sorted by source, destination and kind of change. */
export function diffPaths(before: readonly Connection[], after: readonly Connection[]): PathChange[] {
  const internal = (list: readonly Connection[]): Map<string, Connection> =>
    new Map(
      list
        .filter((c) => scopeOf(c.src, c.dst) !== 'external' || c.src.startsWith('{'))
        .map((c) => [`${c.src}\u0000${c.dst}`, c]),
    );
  const a = internal(before);
  const b = internal(after);
  const out: PathChange[] = externalChanges(before, after);
  for (const [k, c] of b) {
    const old = a.get(k);
    const scope = scopeOf(c.src, c.dst);
    if (!old) out.push({ src: c.src, dst: c.dst, change: 'opened', after: c.text, scope });
    else if (old.text !== c.text)
      out.push({ src: c.src, dst: c.dst, change: 'changed', before: old.text, after: c.text, scope });
  }
  for (const [k, c] of a)
    if (!b.has(k))
      out.push({ src: c.src, dst: c.dst, change: 'closed', before: c.text, scope: scopeOf(c.src, c.dst) });
  return out.sort((x, y) => cmp(x.src, y.src) || cmp(x.dst, y.dst) || cmp(x.change, y.change));
}
