// Control status from the checks that ran and the findings mapped to each control.
import type { Catalogs, ControlResult, ControlStatus } from '../model/compliance.js';
import type { Finding, Framework } from '../model/finding.js';
import { compareText } from './control-order.js';

const isOpen = (f: Finding): boolean => f.exception?.status !== 'accepted';

/**
 * notTested: none of its checks ran. notSatisfied: an open (not accepted) critical or high finding.
 * partial: only medium or low open findings, or only accepted ones. satisfied: its checks ran and raised
 * nothing but informational findings.
 */
export function controlStatus(ran: readonly string[], findings: readonly Finding[]): ControlStatus {
  if (ran.length === 0) return 'notTested';
  const open = findings.filter(isOpen);
  if (open.some((f) => f.severity === 'critical' || f.severity === 'high')) return 'notSatisfied';
  if (open.some((f) => f.severity === 'medium' || f.severity === 'low')) return 'partial';
  if (findings.some((f) => !isOpen(f))) return 'partial';
  return 'satisfied';
}

/** One result per control of the chosen frameworks, in catalog order. */
export function controlResults(
  catalogs: Catalogs,
  frameworks: readonly Framework[],
  findings: readonly Finding[],
  checksRun: ReadonlySet<string>,
): ControlResult[] {
  const out: ControlResult[] = [];
  // Findings by control, in one pass: a large cluster has 100,000 findings and every control would scan them.
  const byControl = new Map<string, Finding[]>();
  for (const f of findings)
    for (const k of new Set((f.controls ?? []).map((r) => `${r.framework}\u0000${r.id}`))) {
      const list = byControl.get(k);
      if (list) list.push(f);
      else byControl.set(k, [f]);
    }
  for (const catalog of catalogs.catalogs) {
    if (!frameworks.includes(catalog.framework)) continue;
    for (const c of catalog.controls) {
      const mine = byControl.get(`${c.framework}\u0000${c.id}`) ?? [];
      const rules = new Set(mine.map((f) => f.rule));
      const ran = c.checks.filter((k) => checksRun.has(k));
      out.push({
        framework: c.framework,
        id: c.id,
        title: c.title,
        statement: c.statement,
        status: controlStatus(ran, mine),
        findingIds: mine.map((f) => f.id).sort(compareText),
        evidence: ran.filter((k) => !rules.has(k)),
        checks: c.checks,
      });
    }
  }
  return out;
}
