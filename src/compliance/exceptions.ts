// Accepted risks: an exception covers a finding until its expiry; an expired one is itself a finding.
import type { ExceptionsFile, RiskException } from '../model/compliance.js';
import type { ExceptionStatus, Finding } from '../model/finding.js';
import { makeFinding } from './make-finding.js';

export const EXCEPTION_CHECKS = ['expired-exception'] as const;

/** Matches by finding id, or by rule and resource: name and namespace exactly, kind when given. */
export function exceptionMatches(e: RiskException, f: Finding): boolean {
  if (e.findingId !== undefined) return e.findingId === f.id;
  if (e.rule !== f.rule || !e.resource) return false;
  const r = e.resource;
  return (
    r.name === f.resource.name &&
    (r.namespace ?? '') === (f.resource.namespace ?? '') &&
    (r.kind === undefined || r.kind === f.resource.kind)
  );
}

function target(e: RiskException): string {
  if (e.findingId !== undefined) return e.findingId;
  const r = e.resource ?? { name: '' };
  const kind = r.kind !== undefined ? `${r.kind} ` : '';
  const ns = r.namespace !== undefined ? `${r.namespace}/` : '';
  return `${e.rule ?? ''} ${kind}${ns}${r.name}`;
}

/** The exception holds through its expiry day (UTC). */
export function isExpired(e: RiskException, now: Date): boolean {
  return e.expires < now.toISOString().slice(0, 10);
}

function status(e: RiskException, now: Date): ExceptionStatus {
  return {
    status: isExpired(e, now) ? 'expired' : 'accepted',
    approver: e.approver,
    justification: e.justification,
    expires: e.expires,
  };
}

/** Prefer an accepted exception, then the one that expires last. */
function better(a: ExceptionStatus, b: ExceptionStatus): ExceptionStatus {
  if (a.status !== b.status) return a.status === 'accepted' ? a : b;
  return b.expires > a.expires ? b : a;
}

/** Sets `exception` on each covered finding; adds one expired-exception finding per lapsed exception in use. */
export function applyExceptions(
  findings: readonly Finding[],
  file: ExceptionsFile,
  now: Date,
): { findings: Finding[]; warnings: string[] } {
  const used = new Set<RiskException>();
  const out: Finding[] = findings.map((f) => {
    let chosen: ExceptionStatus | undefined;
    for (const e of file.exceptions) {
      if (!exceptionMatches(e, f)) continue;
      used.add(e);
      const s = status(e, now);
      chosen = chosen ? better(chosen, s) : s;
    }
    const { exception: _old, ...rest } = f;
    return chosen ? { ...rest, exception: chosen } : rest;
  });
  const warnings: string[] = [];
  for (const e of file.exceptions) {
    const where = e.origin ?? file.file;
    if (!used.has(e)) {
      warnings.push(`${where}: exception for ${target(e)} matches no finding`);
      continue;
    }
    if (!isExpired(e, now)) continue;
    out.push(
      makeFinding({
        rule: 'expired-exception',
        severity: 'medium',
        resource: { kind: 'Exception', name: target(e) },
        message: `The accepted risk for ${target(e)}, approved by ${e.approver}, expired on ${e.expires}; the finding counts as open again.`,
        explanation: `${where}: ${e.justification}`,
        remediation: 'Fix the finding, or have the risk re-approved with a new expiry date.',
      }),
    );
  }
  return { findings: out, warnings };
}
