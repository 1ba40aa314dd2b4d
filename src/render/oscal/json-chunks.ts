// JSON.stringify(value, null, 2) as a stream of chunks, where arrays too large to hold (one observation per
// finding of a large cluster) are LazyArrays whose items are built one at a time as the text is written.

/** An array whose items are made as they are written; `length` says up front whether it is empty. */
export class LazyArray<T> {
  constructor(
    readonly length: number,
    readonly items: () => Iterable<T>,
  ) {}

  /** JSON.stringify sees the items themselves (tests compare the streamed text with it). */
  toJSON(): T[] {
    return [...this.items()];
  }
}

const CHUNK = 1 << 16;

/** The text of JSON.stringify(value, null, 2) plus a newline, in chunks of about 64 KB. */
export function* jsonChunks(value: unknown): Generator<string> {
  let buf = '';
  for (const part of pretty(value, '')) {
    buf += part;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n`;
}

function whole(v: unknown, indent: string): string {
  // JSON strings never hold a raw newline, so re-indenting the lines of a nested value is exact.
  const s = JSON.stringify(v, null, 2);
  return indent && s.includes('\n') ? s.replace(/\n/g, `\n${indent}`) : s;
}

function* items(list: Iterable<unknown>, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const x of list) {
    yield `${first ? '[' : ','}\n${inner}`;
    first = false;
    yield x === undefined ? 'null' : whole(x, inner);
  }
  yield first ? '[]' : `\n${indent}]`;
}

/** Objects are opened down to every LazyArray; everything else is stringified whole. */
function* pretty(v: unknown, indent: string): Generator<string> {
  if (v instanceof LazyArray) return yield* items(v.items(), indent);
  if (!holdsLazy(v)) return yield whole(v, indent);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    let first = true;
    for (const x of v) {
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      yield* pretty(x, inner);
    }
    return yield first ? '[]' : `\n${indent}]`;
  }
  let first = true;
  for (const [k, x] of Object.entries(v as object)) {
    if (x === undefined) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* pretty(x, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}

function holdsLazy(v: unknown): boolean {
  if (v instanceof LazyArray) return true;
  if (typeof v !== 'object' || v === null) return false;
  return (Array.isArray(v) ? v : Object.values(v)).some(holdsLazy);
}
