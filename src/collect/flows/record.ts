// What a format parser makes of one record: a flow, another kind of event, or a problem to report.
import type { ObservedFlow } from '../../model/flows.js';

export type ParsedRecord =
  | { readonly kind: 'flow'; readonly flow: ObservedFlow }
  | { readonly kind: 'other' }
  | { readonly kind: 'error'; readonly message: string };

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first of the given keys that is present (proto names and their protojson camelCase spellings). */
export function pick(o: JsonObject, ...keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A port: an integer 1-65535 given as a number or a numeric string. */
export function port(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

/**
 * An ISO-8601 UTC time with exactly nine fractional digits, so times from every source (Hubble nanoseconds,
 * millisecond clocks) compare correctly as strings; other text is kept as written.
 */
export function isoTime(v: string): string {
  if (v.length === 30 && v[19] === '.' && v[29] === 'Z') return v;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(v);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : v;
}

export function error(message: string): ParsedRecord {
  return { kind: 'error', message };
}
