// Stable, human order for controls: by framework, then ids compared with numbers as numbers (CC6.2 < CC6.10).
import type { ControlRef, Framework } from '../model/finding.js';

export const FRAMEWORKS: readonly Framework[] = ['soc2', 'iso27001', 'gdpr'];

function chunks(s: string): (string | number)[] {
  return (s.match(/\d+|\D+/g) ?? []).map((c) => (/^\d/.test(c) ? Number(c) : c));
}

/** Natural order of two control ids ("A.5.9" before "A.5.12"), independent of the locale. */
export function compareControlIds(a: string, b: string): number {
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string | number;
    const q = y[i] as string | number;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** Framework in FRAMEWORKS order, then id in natural order. */
export function compareControlRefs(a: ControlRef, b: ControlRef): number {
  const f = FRAMEWORKS.indexOf(a.framework) - FRAMEWORKS.indexOf(b.framework);
  return f !== 0 ? f : compareControlIds(a.id, b.id);
}

/** Byte-order comparison of strings (never locale-dependent). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
