// Control status from the checks that ran, how strongly each maps to the control, and the findings.
import type {
  Catalogs,
  CheckOutcome,
  CheckRun,
  ControlResult,
  ControlStatus,
  MappingStrength,
} from '../model/compliance.js';
import type { Finding, Framework } from '../model/finding.js';
import { compareText } from './control-order.js';

const isOpen = (f: Finding): boolean => f.exception?.status !== 'accepted';

/**
 * notTested: none of its checks ran. notSatisfied: an open (not accepted) critical or high finding.
 * partial: only medium or low open findings, or only accepted ones. satisfied: a check that `addresses`
 * it ran and nothing but informational findings were raised. supported: the same, but every check that
 * ran only `supports` it, so network data cannot show the whole control is met.
 */
export function controlStatus(
  ran: readonly string[],
  findings: readonly Finding[],
  strengths: Readonly<Record<string, MappingStrength>> = {},
): ControlStatus {
  if (ran.length === 0) return 'notTested';
  const open = findings.filter(isOpen);
  if (open.some((f) => f.severity === 'critical' || f.severity === 'high')) return 'notSatisfied';
  if (open.some((f) => f.severity === 'medium' || f.severity === 'low')) return 'partial';
  if (findings.some((f) => !isOpen(f))) return 'partial';
  return ran.some((k) => strengths[k] === 'addresses') ? 'satisfied' : 'supported';
}

function outcome(findings: readonly Finding[]): CheckOutcome {
  if (findings.length === 0) return 'passed';
  const open = findings.filter(isOpen);
  if (open.some((f) => f.severity !== 'info')) return 'failed';
  return open.length === 0 ? 'accepted' : 'informational';
}

function checkRuns(
  ran: readonly string[],
  mine: readonly Finding[],
  strengths: Readonly<Record<string, MappingStrength>>,
): CheckRun[] {
  return ran.map((check) => {
    const of = mine.filter((f) => f.rule === check);
    return {
      check,
      strength: strengths[check] ?? 'supports',
      outcome: outcome(of),
      findingIds: of.map((f) => f.id).sort(compareText),
    };
  });
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
        status: controlStatus(ran, mine, c.strengths),
        findingIds: mine.map((f) => f.id).sort(compareText),
        evidence: ran.filter((k) => !rules.has(k)),
        checks: c.checks,
        checksRan: checkRuns(ran, mine, c.strengths),
      });
    }
  }
  return out;
}
