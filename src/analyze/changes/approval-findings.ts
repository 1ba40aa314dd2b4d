// Findings from the Git host's facts (source "api"): a direct commit, or a request merged without an
// independent approval before the merge (SOC 2 CC8.1, ISO/IEC 27001 A.5.3 and A.8.32).
import type { ChangeRequest } from '../../model/change-request.js';
import type { Finding } from '../../model/finding.js';
import type { GitChange, GitEvidence } from '../../model/git.js';
import { finding } from '../rules/context.js';
import { approvalOf, personLabel } from './approval.js';

function who(r: ChangeRequest): string {
  return `opened by ${personLabel(r.author)}${r.mergedBy ? `, merged by ${personLabel(r.mergedBy)}` : ''}${r.mergedAt ? ` at ${r.mergedAt}` : ''}`;
}

function hostName(git: GitEvidence): string {
  const h = git.reviewHost;
  return h ? `${h.kind === 'github' ? 'GitHub' : 'GitLab'} ${h.repo}` : 'the Git host';
}

/** Why none of the request's approvals counts, naming the people. */
function whyNot(r: ChangeRequest): string {
  const v = approvalOf(r);
  const parts: string[] = [];
  if (v.selfApprovals.length)
    parts.push(
      `approved only by its author or a committer of its changes (${v.selfApprovals.map((a) => personLabel(a.user)).join(', ')})`,
    );
  if (v.afterMerge.length)
    parts.push(
      `approved after the merge by ${v.afterMerge.map((a) => `${personLabel(a.user)} at ${a.at}`).join(', ')}`,
    );
  const dropped = r.reviews.filter((a) => a.state === 'dismissed' || a.state === 'withdrawn');
  if (dropped.length)
    parts.push(
      `approvals the host no longer counts (dismissed or withdrawn): ${dropped.map((a) => personLabel(a.user)).join(', ')}`,
    );
  return parts.length ? parts.join('; ') : 'no approval at all';
}

/** The findings for one change whose review was verified with the host. */
export function hostReviewFindings(git: GitEvidence, c: GitChange): Finding[] {
  const ref = { kind: 'GitCommit', name: c.sha };
  const commit = `${c.sha.slice(0, 12)} "${c.subject}" (author ${c.author.name} <${c.author.email}>, committer ${c.committer.name} <${c.committer.email}>)`;
  const r = c.review.request;
  if (!r)
    return [
      finding('change-without-review', 'high', ref, {
        message: `Policy change ${c.sha.slice(0, 12)} was committed directly to ${git.ref}: ${hostName(git)} has no merged request for it.`,
        explanation: `Commit ${commit} reached ${git.ref} without a pull/merge request (verified with ${hostName(git)}).`,
        remediation:
          'Protect the branch: require pull/merge requests with at least one approval for the policy paths.',
      }),
    ];
  const verdict = approvalOf(r);
  if (verdict.independent.length > 0) return deployedEarly(c, r, verdict.approvedAt, commit);
  return [
    finding('change-without-approval', 'high', ref, {
      message: `Policy change ${c.sha.slice(0, 12)} was merged through ${r.reference} without an independent approval before the merge.`,
      explanation: `Commit ${commit} came in through ${r.reference} "${r.title}" (${who(r)}) into ${r.baseBranch}: ${whyNot(r)} (verified with ${hostName(git)}).`,
      remediation:
        'Require at least one approval by someone other than the author and the committers, dismiss stale approvals on new pushes, and do not let administrators bypass the rule.',
    }),
  ];
}

/** A change a GitOps controller applied before anyone independent approved it (exact deploy times only). */
function deployedEarly(
  c: GitChange,
  r: ChangeRequest,
  approvedAt: string | undefined,
  commit: string,
): Finding[] {
  const d = c.deployed;
  if (!d || d.approximate || !approvedAt || Date.parse(d.at) >= Date.parse(approvedAt)) return [];
  return [
    finding(
      'change-deployed-before-approval',
      'high',
      { kind: 'GitCommit', name: c.sha },
      {
        message: `Policy change ${c.sha.slice(0, 12)} reached the cluster at ${d.at}, before its first independent approval at ${approvedAt}.`,
        explanation: `Commit ${commit} of ${r.reference} "${r.title}" was applied by ${d.by} (revision ${d.revision}) at ${d.at}; the first approval by someone other than the author and committers came at ${approvedAt}.`,
        remediation:
          'Let the GitOps controller follow only the protected branch, so nothing is deployed before it is approved and merged.',
      },
    ),
  ];
}
