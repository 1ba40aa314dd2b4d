// Findings about the exceptions themselves: the register of accepted risks is evidence an auditor tests too.
import type { ExceptionReview, ExceptionState, RiskException } from '../model/compliance.js';
import type { Finding } from '../model/finding.js';
import type { ChangeAuthor } from './exception-authors.js';
import { makeFinding } from './make-finding.js';

/** "allow-all-rule NetworkPolicy staging/allow-everything-in", or the finding id it names. */
export function exceptionTarget(e: RiskException): string {
  if (e.findingId !== undefined) return e.findingId;
  const r = e.resource ?? { name: '' };
  const kind = r.kind !== undefined ? `${r.kind} ` : '';
  const ns = r.namespace !== undefined ? `${r.namespace}/` : '';
  return `${e.rule ?? ''} ${kind}${ns}${r.name}`;
}

export interface ExceptionFacts extends Pick<ExceptionReview, 'validityDays' | 'validityFrom'> {
  readonly state: ExceptionState;
  readonly maxDays: number;
  /** Findings with the exception's target whose evidence hash no longer matches its pin. */
  readonly changed: readonly string[];
  readonly selfApproved: ChangeAuthor | undefined;
  readonly file: string;
}

/** The findings one exception raises (none for a well-kept one). */
export function exceptionFindings(e: RiskException, x: ExceptionFacts): Finding[] {
  const t = exceptionTarget(e);
  const where = e.origin ?? x.file;
  const resource = { kind: 'Exception', name: t };
  const out: Finding[] = [];
  const add = (parts: Omit<Parameters<typeof makeFinding>[0], 'resource'>): void => {
    out.push(makeFinding({ ...parts, resource }));
  };
  if (x.state === 'expired')
    add({
      rule: 'expired-exception',
      severity: 'medium',
      message: `The accepted risk for ${t}, approved by ${e.approver}, expired on ${e.expires}; the finding counts as open again.`,
      explanation: `${where}: ${e.justification}`,
      remediation: 'Fix the finding, or have the risk re-approved with a new expiry date.',
    });
  if (x.state === 'noMatch')
    add({
      rule: 'unmatched-exception',
      severity: 'low',
      message: `The exception for ${t}, approved by ${e.approver}, matches no finding of this report.`,
      explanation: `${where}: the finding was fixed, renamed, or the exception names it wrongly`,
      remediation:
        'Remove the exception if the risk is gone, or correct its finding id, rule or resource so it names a finding.',
    });
  if (x.state === 'findingChanged')
    add({
      rule: 'exception-finding-changed',
      severity: 'medium',
      message: `The exception for ${t} is pinned to evidence hash ${e.evidenceHash ?? ''}, but the finding now has different evidence (${x.changed.join(', ')}); it no longer applies and the finding counts as open.`,
      explanation: `${where}: the finding changed after the risk was accepted`,
      remediation:
        'Review the finding as it is now; if the risk is still acceptable, re-approve it and pin the new evidence hash.',
    });
  if (x.state !== 'expired' && x.validityDays > x.maxDays)
    add({
      rule: 'exception-too-long',
      severity: 'medium',
      message:
        x.validityFrom === 'approved'
          ? `The exception for ${t} is valid for ${x.validityDays} days (approved ${e.approved ?? ''}, expires ${e.expires}), longer than the maximum of ${x.maxDays}.`
          : `The exception for ${t} is valid for at least ${x.validityDays} more days (no approved date; expires ${e.expires}), longer than the maximum of ${x.maxDays}.`,
      explanation: `${where}: --max-exception-days is ${x.maxDays}`,
      remediation: 'Shorten the expiry so the risk is re-decided within the maximum validity.',
    });
  if (x.selfApproved)
    add({
      rule: 'exception-self-approved',
      severity: 'high',
      message: `The exception for ${t} is approved by ${e.approver}, who authored the excepted change (${x.selfApproved.where}).`,
      explanation: `${where}: the approver and the author of the change are the same person`,
      remediation: 'Have someone other than the change author (the risk owner) approve the accepted risk.',
    });
  return out;
}
