// Small readers for raw Kubernetes JSON: each records a problem (with its field path) instead of throwing.

export type Raw = Record<string, unknown>;

export interface FieldProblem {
  /** Path from the object's root, as a list of keys and indexes. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Collects problems while reading one object. */
export class Reader {
  readonly problems: FieldProblem[] = [];
  /** Non-fatal remarks, reported as warnings of the run. */
  readonly notes: FieldProblem[] = [];

  note(path: readonly (string | number)[], message: string): void {
    this.notes.push({ path, message });
  }

  /**
   * A field by its exact name, else by a case-insensitive match (Go's encoding/json, which many Kubernetes
   * tools decode with, matches case-insensitively); the latter is noted, since the API server rejects it.
   */
  field(rec: Raw, name: string, path: readonly (string | number)[]): unknown {
    if (rec[name] !== undefined) return rec[name];
    const lower = name.toLowerCase();
    const other = Object.keys(rec).find((k) => k.toLowerCase() === lower);
    if (other === undefined) return undefined;
    this.note(
      [...path, other],
      `field "${other}" read as "${name}" (wrong case; the API server would reject it)`,
    );
    return rec[other];
  }

  problem(path: readonly (string | number)[], message: string): void {
    this.problems.push({ path, message });
  }

  record(v: unknown, path: readonly (string | number)[]): Raw | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isRecord(v)) {
      this.problem(path, 'must be an object');
      return undefined;
    }
    return v;
  }

  array(v: unknown, path: readonly (string | number)[]): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.problem(path, 'must be a list');
      return undefined;
    }
    return v;
  }

  string(v: unknown, path: readonly (string | number)[]): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.problem(path, 'must be a string');
      return undefined;
    }
    return v;
  }

  integer(v: unknown, path: readonly (string | number)[]): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.problem(path, 'must be an integer');
      return undefined;
    }
    return v;
  }

  /** A string map such as labels; values that are numbers or booleans are written as strings. */
  stringMap(v: unknown, path: readonly (string | number)[]): Record<string, string> {
    const rec = this.record(v, path);
    const out: Record<string, string> = {};
    if (!rec) return out;
    for (const [k, val] of Object.entries(rec)) {
      if (typeof val === 'string') out[k] = val;
      else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
      else if (val !== null && val !== undefined) this.problem([...path, k], 'must be a string');
    }
    return out;
  }

  /**
   * Reports every key of `rec` that is not a field of its type, as the API server's strict field validation
   * (kubectl's default) does: a misspelt field such as `ipblock` would otherwise be dropped and silently change
   * what a policy allows.
   */
  knownFields(rec: Raw, allowed: readonly string[], path: readonly (string | number)[]): void {
    for (const key of Object.keys(rec)) {
      if (allowed.includes(key)) continue;
      const near = nearest(key, allowed);
      this.problem([...path, key], `unknown field${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
}

/** The allowed name closest to `key` (same letters in another case first, then the fewest edits, at most 2). */
function nearest(key: string, allowed: readonly string[]): string | undefined {
  const same = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
  if (same) return same;
  const scored = allowed
    .map((a) => ({ a, d: editDistance(a, key), prefix: a[0] === key[0] ? 0 : 1 }))
    .filter((x) => x.d <= 2)
    .sort((x, y) => x.d - y.d || x.prefix - y.prefix);
  return scored[0]?.a;
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("prot" is 2 from "ports"). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}
