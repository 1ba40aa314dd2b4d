// Small pure formatters shared by the report sections.
import type { Severity } from '../../model/finding.js';
import type { Cell } from './view-types.js';

export function num(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "policy" -> "policies", "namespace" -> "namespaces", "address range" -> "address ranges". */
export function pluralOf(one: string): string {
  return /[^aeiou]y$/.test(one)
    ? `${one.slice(0, -1)}ies`
    : /(s|x|ch|sh)$/.test(one)
      ? `${one}es`
      : `${one}s`;
}

/** An ISO time as people read it: "2026-01-15 10:00:00 UTC". */
export function utcTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

export function plural(n: number, one: string, many = pluralOf(one)): string {
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

/** A connlist text for a reader: "All Connections" -> "all ports and protocols", "TCP 80,UDP 53" -> "TCP 80, UDP 53". */
export function connWords(conns: string): string {
  if (conns === 'All Connections') return 'all ports and protocols';
  return conns.replace(/,(?=[A-Z])/g, ', ');
}
