// Reachability paths opened and closed. External peers are compared as address ranges, because the
// analysis splits the outside world at every ipBlock boundary: a new CIDR elsewhere renames the blocks.
import type { Connection } from '../model/connectivity.js';
import { externalRange, rangeText, type Range } from '../compliance/ranges.js';
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

interface Piece {
  readonly range: Range;
  readonly text: string;
}

/** Per (direction, workload): the outside address ranges it may reach (or be reached from), with ports. */
function externalPieces(conns: readonly Connection[]): Map<string, Piece[]> {
  const out = new Map<string, Piece[]>();
  for (const c of conns) {
    const dstRange = externalRange(c.dst);
    const srcRange = externalRange(c.src);
    const key = dstRange ? `egress\u0000${c.src}` : srcRange ? `ingress\u0000${c.dst}` : undefined;
    const range = dstRange ?? srcRange;
    if (!key || !range) continue;
    out.set(key, [...(out.get(key) ?? []), { range, text: c.text }]);
  }
  return out;
}

function textAt(pieces: readonly Piece[], r: Range): string | undefined {
  return pieces.find(
    (p) => p.range.version === r.version && p.range.first <= r.first && r.last <= p.range.last,
  )?.text;
}

/** Cuts both sides at every boundary, compares the ports allowed on each cut, and joins equal neighbours. */
function compareRanges(
  before: readonly Piece[],
  after: readonly Piece[],
): { range: Range; before?: string; after?: string }[] {
  const cuts = new Map<4 | 6, Set<bigint>>();
  for (const p of [...before, ...after]) {
    const set = cuts.get(p.range.version) ?? new Set<bigint>();
    set.add(p.range.first);
    set.add(p.range.last + 1n);
    cuts.set(p.range.version, set);
  }
  const out: { range: Range; before?: string; after?: string }[] = [];
  for (const [version, set] of [...cuts.entries()].sort(([a], [b]) => a - b)) {
    const points = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i + 1 < points.length; i++) {
      const range: Range = { version, first: points[i] as bigint, last: (points[i + 1] as bigint) - 1n };
      const b = textAt(before, range);
      const a = textAt(after, range);
      if (a === b) continue;
      const prev = out[out.length - 1];
      if (
        prev &&
        prev.before === b &&
        prev.after === a &&
        prev.range.version === version &&
        prev.range.last + 1n === range.first
      )
        out[out.length - 1] = { ...prev, range: { ...prev.range, last: range.last } };
      else
        out.push({
          range,
          ...(b !== undefined ? { before: b } : {}),
          ...(a !== undefined ? { after: a } : {}),
        });
    }
  }
  return out;
}

function externalChanges(before: readonly Connection[], after: readonly Connection[]): PathChange[] {
  const a = externalPieces(before);
  const b = externalPieces(after);
  const out: PathChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [direction, workload] = key.split('\u0000') as [string, string];
    for (const d of compareRanges(a.get(key) ?? [], b.get(key) ?? [])) {
      const ext = `${rangeText(d.range)}[External]`;
      const [src, dst] = direction === 'egress' ? [workload, ext] : [ext, workload];
      const change = d.before === undefined ? 'opened' : d.after === undefined ? 'closed' : 'changed';
      out.push({
        src,
        dst,
        change,
        ...(d.before !== undefined ? { before: d.before } : {}),
        ...(d.after !== undefined ? { after: d.after } : {}),
        scope: 'external',
      });
    }
  }
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
