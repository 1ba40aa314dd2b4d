// A decoded protobuf message as the JSON Hubble prints: Timestamps become ISO-8601 strings (nanoseconds kept).
import { isObject } from '../flows/record.js';

function iso(seconds: number, nanos: number): string {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(nanos).padStart(9, '0')}Z`;
}

/** Recursively converts `{seconds, nanos}` Timestamp objects (the only ones our subset proto has) to text. */
export function toPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (!isObject(v)) return v;
  if (typeof v.seconds === 'number' && Object.keys(v).every((k) => k === 'seconds' || k === 'nanos'))
    return iso(v.seconds, typeof v.nanos === 'number' ? v.nanos : 0);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = Buffer.isBuffer(x) ? true : toPlain(x);
  return out;
}
