// Field-level differences between two JSON values, as paths an auditor can find in the YAML.
import type { FieldChange } from './types.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function child(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function walk(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, after: JSON.stringify(b) });
    return;
  }
  if (b === undefined) {
    out.push({ path, before: JSON.stringify(a) });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(child(path, k), a[k], b[k], out);
    return;
  }
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  if (x !== y) out.push({ path, before: x, after: y });
}

/** Every leaf (or whole subtree added or removed) that differs; arrays compare position by position. */
export function fieldDiff(root: string, a: unknown, b: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(root, a, b, out);
  return out;
}
