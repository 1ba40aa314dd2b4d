// Control status changes, vendor (register) changes and findings opened or closed, by stable id.
import { compareSeverity, resourceKey, type Finding } from '../model/finding.js';
import { controlKey, type ControlRow, type VendorRow } from './sections.js';
import type { ControlChange, FindingChange, VendorChange } from './types.js';

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export function diffControls(before: readonly ControlRow[], after: readonly ControlRow[]): ControlChange[] {
  const a = new Map(before.map((c) => [controlKey(c), c]));
  const b = new Map(after.map((c) => [controlKey(c), c]));
  const out: ControlChange[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])]) {
    const x = a.get(key);
    const y = b.get(key);
    if (x?.status === y?.status) continue;
    const c = (y ?? x) as ControlRow;
    out.push({
      framework: c.framework,
      id: c.id,
      ...(c.title ? { title: c.title } : {}),
      ...(x ? { before: x.status } : {}),
      ...(y ? { after: y.status } : {}),
    });
  }
  // the order of the newer bundle's list (framework, then natural id order), then removed ones
  const order = new Map([...after, ...before].map((c, i) => [controlKey(c), i]));
  return out.sort((p, q) => (order.get(controlKey(p)) ?? 0) - (order.get(controlKey(q)) ?? 0));
}

function vendorDetails(a: VendorRow, b: VendorRow): string[] {
  const d: string[] = [];
  const list = (label: string, x: readonly string[], y: readonly string[]): void => {
    const added = y.filter((v) => !x.includes(v));
    const removed = x.filter((v) => !y.includes(v));
    if (added.length) d.push(`${label} added: ${added.join(', ')}`);
    if (removed.length) d.push(`${label} removed: ${removed.join(', ')}`);
  };
  if (a.status !== b.status) d.push(`status: ${a.status ?? '—'} -> ${b.status ?? '—'}`);
  list('countries', a.countries, b.countries);
  list('CIDRs', a.cidrs, b.cidrs);
  list('hosts', a.hosts, b.hosts);
  list('reachable from', a.reachableFrom, b.reachableFrom);
  return d;
}

export function diffVendors(before: readonly VendorRow[], after: readonly VendorRow[]): VendorChange[] {
  const a = new Map(before.map((v) => [v.name, v]));
  const b = new Map(after.map((v) => [v.name, v]));
  const out: VendorChange[] = [];
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort(cmp)) {
    const x = a.get(name);
    const y = b.get(name);
    if (!x && y) out.push({ vendor: name, change: 'added', details: [...y.cidrs, ...y.hosts] });
    else if (x && !y) out.push({ vendor: name, change: 'removed', details: [] });
    else if (x && y) {
      const details = vendorDetails(x, y);
      if (details.length) out.push({ vendor: name, change: 'changed', details });
    }
  }
  return out;
}

function row(f: Finding, change: FindingChange['change'], detail?: string): FindingChange {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    resource: resourceKey(f.resource),
    message: f.message,
    change,
    ...(detail ? { detail } : {}),
  };
}

const exceptionText = (f: Finding): string =>
  f.exception
    ? `${f.exception.status} (approver ${f.exception.approver}, expires ${f.exception.expires})`
    : 'none';

/** Findings opened (new id), closed (id gone), or whose severity or exception changed. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingChange[] {
  const a = new Map(before.map((f) => [f.id, f]));
  const b = new Map(after.map((f) => [f.id, f]));
  const out: FindingChange[] = [];
  for (const f of after) {
    const old = a.get(f.id);
    if (!old) out.push(row(f, 'opened'));
    else if (old.severity !== f.severity) out.push(row(f, 'severity', `${old.severity} -> ${f.severity}`));
    else if (exceptionText(old) !== exceptionText(f))
      out.push(row(f, 'exception', `${exceptionText(old)} -> ${exceptionText(f)}`));
  }
  for (const f of before) if (!b.has(f.id)) out.push(row(f, 'closed'));
  const rank = { opened: 0, severity: 1, exception: 2, closed: 3 } as const;
  return out.sort(
    (x, y) => rank[x.change] - rank[y.change] || compareSeverity(x.severity, y.severity) || cmp(x.id, y.id),
  );
}
