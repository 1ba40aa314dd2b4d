// evidence.json text: stable key order as built, two-space indent, trailing newline. Written as a stream of
// chunks, byte for byte what JSON.stringify(e, null, 2) gives, so no single string holds a large cluster.
import type { Evidence } from '../../model/evidence.js';

export function renderEvidenceJson(e: Evidence): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}

/** Containers this deep (evidence -> snapshot -> pods -> one pod) are opened; deeper values are stringified whole. */
const OPEN_DEPTH = 3;
const CHUNK = 1 << 16;

/** The same text as renderEvidenceJson, in chunks of about 64 KB. */
export function* evidenceJsonChunks(e: Evidence): Generator<string> {
  let buf = '';
  for (const part of pretty(e, '', 0)) {
    buf += part;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n`;
}

/** JSON.stringify(v, null, 2) of a value nested at `indent`, as pieces. */
function* pretty(v: unknown, indent: string, depth: number): Generator<string> {
  const plain =
    typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
  if (!plain || depth >= OPEN_DEPTH) {
    // JSON strings never hold a raw newline, so re-indenting the lines of a nested value is exact.
    const s = JSON.stringify(v, null, 2);
    yield indent && s.includes('\n') ? s.replace(/\n/g, `\n${indent}`) : s;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    yield '[';
    for (let i = 0; i < v.length; i++) {
      yield `${i ? ',' : ''}\n${inner}`;
      const x: unknown = v[i];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') yield 'null';
      else yield* pretty(x, inner, depth + 1);
    }
    return yield `\n${indent}]`;
  }
  let first = true;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* pretty(x, inner, depth + 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}
