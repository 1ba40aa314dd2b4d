// Change-management findings from Git evidence (SOC 2 CC8.1, ISO/IEC 27001 A.8.32): review, signature, duties.
import type { Finding, ResourceRef, Severity } from '../../model/finding.js';
import { reviewSource, type GitChange, type GitEvidence } from '../../model/git.js';
import { hostReviewFindings } from './approval-findings.js';
import { finding as ruleFinding } from '../rules/context.js';
import { identityOf, sameIdentity } from './identity.js';

/** Rule ids this analysis can produce (for checksRun and control mappings). */
export const CHANGE_RULES = [
  'change-without-review',
  'change-without-approval',
  'change-deployed-before-approval',
  'unsigned-change',
  'same-author-approver',
  'no-change-evidence',
] as const;

/** Checks that need the Git host's facts: without --review-host they did not run (the control says "not tested"). */
const HOST_RULES = new Set<string>(['change-without-approval', 'change-deployed-before-approval']);

/** The change checks this evidence let run. */
export function changeChecksRun(git: GitEvidence): string[] {
  return CHANGE_RULES.filter((r) => git.reviewHost !== undefined || !HOST_RULES.has(r));
}

function commitRef(c: GitChange): ResourceRef {
  return { kind: 'GitCommit', name: c.sha };
}

function finding(
  rule: string,
  severity: Severity,
  resource: ResourceRef,
  message: string,
  explanation: string,
  remediation: string,
): Finding {
  return ruleFinding(rule, severity, resource, { message, explanation, remediation });
}

function describe(c: GitChange): string {
  const files = c.files
    .map((f) => (f.oldPath ? `${f.status} ${f.oldPath} -> ${f.path}` : `${f.status} ${f.path}`))
    .join(', ');
  return `commit ${c.sha} "${c.subject}" by ${c.author.name} <${c.author.email}> on ${c.author.date} (${files})`;
}

const UNSIGNED: Readonly<Record<string, string>> = {
  none: 'is not signed',
  bad: 'has a bad signature',
  'unknown-key': 'has a signature that could not be verified against a trusted key',
  expired: 'is signed with an expired key or signature',
  revoked: 'is signed with a revoked key',
  error: 'has a signature that could not be checked',
};

/** Findings about how the policy changes in the period were made; an empty period is said, never filled in. */
export function changeFindings(git: GitEvidence): Finding[] {
  const changes = git.commits.filter((c) => c.files.length > 0);
  if (changes.length === 0) {
    const repo: ResourceRef = { kind: 'GitRepository', name: git.repo };
    return [
      finding(
        'no-change-evidence',
        'low',
        repo,
        `No commit touched the policy paths in the audit period, so there is no change evidence to assess.`,
        `git log of ${git.ref} (${git.headSha}) from ${git.period.since} to ${git.period.until} over ${git.paths.join(', ')} found no commits.`,
        'Confirm that the policy paths are right and that policies are changed only through this repository.',
      ),
    ];
  }
  const out: Finding[] = [];
  for (const c of changes) {
    if (reviewSource(c.review) === 'api') out.push(...hostReviewFindings(git, c));
    else if (!c.review.reviewed)
      out.push(
        finding(
          'change-without-review',
          'high',
          commitRef(c),
          `Policy change ${c.sha.slice(0, 12)} was committed directly to ${git.ref} with no review evidence.`,
          `${describe(c)} is not a pull/merge request merge, not reached through one, and has no Reviewed-by/Approved-by trailer.`,
          'Protect the branch: require pull/merge requests with at least one approval for the policy paths.',
        ),
      );
    if (c.signature.status !== 'good')
      out.push(
        finding(
          'unsigned-change',
          c.signature.status === 'bad' || c.signature.status === 'revoked' ? 'high' : 'medium',
          commitRef(c),
          `Policy change ${c.sha.slice(0, 12)} ${UNSIGNED[c.signature.status] ?? 'is not verified'}.`,
          `${describe(c)}: signature ${c.signature.status} (format ${c.signature.format}${c.signature.key ? `, key ${c.signature.key}` : ''}).`,
          'Require signed commits on the policy paths and give the run the signers (allowed-signers file or keyring).',
        ),
      );
    const self = c.review.approvers.find((a) =>
      sameIdentity(identityOf(a), { name: c.author.name, email: c.author.email }),
    );
    if (self)
      out.push(
        finding(
          'same-author-approver',
          'high',
          commitRef(c),
          `Policy change ${c.sha.slice(0, 12)} was approved by its own author.`,
          `${describe(c)} lists approver "${self}"${c.review.reference ? ` on ${c.review.reference}` : ''}, the same person as the author.`,
          'Require approval by someone other than the author (segregation of duties).',
        ),
      );
  }
  return out;
}

export { changeSummaries, type ChangeSummary } from './summary.js';
