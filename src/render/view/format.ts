// Small pure formatters shared by the report sections.
import type { Severity } from '../../model/finding.js';
import type { Cell } from './view-types.js';

export function num(n: number): string {
  return n.toLocaleString('en-GB');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

export function severityCell(s: Severity): Cell {
  const badge = s === 'critical' || s === 'high' ? 'bad' : s === 'medium' ? 'warn' : 'info';
  return { text: s, badge };
}

export function yesNo(ok: boolean, yes = 'yes', no = 'no'): Cell {
  return ok ? { text: yes, badge: 'ok' } : { text: no, badge: 'bad' };
}

export function text(t: string | number | undefined, code = false): Cell {
  return { text: t === undefined ? '—' : String(t), ...(code ? { code } : {}) };
}

export function dateOnly(iso: string): string {
  return iso.slice(0, 10);
}
