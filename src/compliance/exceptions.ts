// Accepted risks: an exception covers a finding until its expiry, and findings are raised about exceptions
// that lapsed, match nothing, outlive the maximum validity, no longer match their pinned evidence, or were
// approved by the author of the change they cover.
import type { ExceptionReview, ExceptionsFile, RiskException } from '../model/compliance.js';
import type { ExceptionStatus, Finding } from '../model/finding.js';
import type { GitEvidence } from '../model/git.js';
import { pinMatches } from './evidence-hash.js';
import { approverIsAuthor, changeAuthors } from './exception-authors.js';
import { exceptionFindings, exceptionTarget } from './exception-findings.js';

export const EXCEPTION_CHECKS = [
  'expired-exception',
  'unmatched-exception',
  'exception-too-long',
  'exception-finding-changed',
  'exception-self-approved',
] as const;

/** Default --max-exception-days: an accepted risk is re-decided at least once a year. */
export const DEFAULT_MAX_EXCEPTION_DAYS = 365;

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

/** The exception holds through its expiry day (UTC). */
export function isExpired(e: RiskException, now: Date): boolean {
  return e.expires < now.toISOString().slice(0, 10);
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Validity in days: from `approved` to `expires`; without an approved date, from the run date, which is a
 * lower bound of the whole validity (so a finding on it never over-claims).
 */
export function validity(
  e: RiskException,
  now: Date,
): Pick<ExceptionReview, 'validityDays' | 'validityFrom'> {
  return e.approved !== undefined
    ? { validityDays: days(e.approved, e.expires), validityFrom: 'approved' }
    : { validityDays: days(now.toISOString().slice(0, 10), e.expires), validityFrom: 'runDate' };
}

function status(e: RiskException, now: Date): ExceptionStatus {
  return {
    status: isExpired(e, now) ? 'expired' : 'accepted',
    approver: e.approver,
    justification: e.justification,
    expires: e.expires,
    ...(e.approved !== undefined ? { approved: e.approved } : {}),
    ...(e.riskOwner !== undefined ? { riskOwner: e.riskOwner } : {}),
    ...(e.ticket !== undefined ? { ticket: e.ticket } : {}),
  };
}

/** Prefer an accepted exception, then the one that expires last. */
function better(a: ExceptionStatus, b: ExceptionStatus): ExceptionStatus {
  if (a.status !== b.status) return a.status === 'accepted' ? a : b;
  return b.expires > a.expires ? b : a;
}

export interface ExceptionOptions {
  readonly maxDays?: number;
  /** The Git evidence, to find the author of an excepted change (segregation of duties). */
  readonly git?: GitEvidence;
}

/** What each exception matched: findings it covers, and findings whose pinned evidence changed. */
interface Matches {
  readonly covered: Map<RiskException, string[]>;
  readonly changed: Map<RiskException, string[]>;
}

function push(m: Map<RiskException, string[]>, e: RiskException, id: string): void {
  m.set(e, [...(m.get(e) ?? []), id]);
}

/**
 * Sets `exception` on each covered finding and adds the findings about exceptions; returns every exception
 * with its state for the report's Exceptions table. Findings must carry their evidenceHash already.
 */
export function applyExceptions(
  findings: readonly Finding[],
  file: ExceptionsFile,
  now: Date,
  opts: ExceptionOptions = {},
): { findings: Finding[]; warnings: string[]; reviews: ExceptionReview[] } {
  const m: Matches = { covered: new Map(), changed: new Map() };
  const byId = new Map<string, Finding>();
  const out: Finding[] = findings.map((f) => {
    byId.set(f.id, f);
    let chosen: ExceptionStatus | undefined;
    for (const e of file.exceptions) {
      if (!exceptionMatches(e, f)) continue;
      if (!pinMatches(e.evidenceHash, f)) {
        push(m.changed, e, f.id);
        continue;
      }
      push(m.covered, e, f.id);
      const s = status(e, now);
      chosen = chosen ? better(chosen, s) : s;
    }
    const { exception: _old, ...rest } = f;
    return chosen ? { ...rest, exception: chosen } : rest;
  });
  const warnings: string[] = [];
  const reviews: ExceptionReview[] = [];
  for (const e of file.exceptions) {
    const covered = m.covered.get(e) ?? [];
    const changed = m.changed.get(e) ?? [];
    const state = covered.length
      ? isExpired(e, now)
        ? 'expired'
        : 'accepted'
      : changed.length
        ? 'findingChanged'
        : 'noMatch';
    if (state === 'noMatch')
      warnings.push(`${e.origin ?? file.file}: exception for ${exceptionTarget(e)} matches no finding`);
    const authors = [...covered, ...changed].flatMap((id) => {
      const f = byId.get(id);
      return f ? changeAuthors(f, opts.git) : [];
    });
    const raised = exceptionFindings(e, {
      state,
      ...validity(e, now),
      maxDays: opts.maxDays ?? DEFAULT_MAX_EXCEPTION_DAYS,
      changed,
      selfApproved: approverIsAuthor(e.approver, authors),
      file: file.file,
    });
    out.push(...raised);
    reviews.push({
      ...e,
      state,
      findingIds: [...covered, ...changed].sort(),
      ...validity(e, now),
      raised: raised.map((f) => f.id).sort(),
    });
  }
  return { findings: out, warnings, reviews };
}
