// Independent approval of a pull/merge request (SOC 2 CC8.1, ISO/IEC 27001 A.5.3 segregation of duties):
// an approval that still counts, given before the merge, by someone who neither opened the request nor
// authored or committed its changes.
import type {
  ApprovalSummary,
  ChangeRequest,
  HostReviewEntry,
  HostUser,
} from '../../model/change-request.js';
import { reviewSource, type GitChange } from '../../model/git.js';

export interface ApprovalVerdict {
  /** Approvals that count, in time order. */
  readonly independent: readonly HostReviewEntry[];
  /** The first independent approval. */
  readonly approvedAt?: string;
  /** Whether an independent approval was given on the commit that was merged (not an earlier push). */
  readonly onMergedCommit: boolean;
  /** Approvals by the request's author or a committer of its changes (these never count). */
  readonly selfApprovals: readonly HostReviewEntry[];
  /** Approvals given after the merge (these never count). */
  readonly afterMerge: readonly HostReviewEntry[];
}

/** Same person: equal logins when both have one, else equal emails, else equal names (case-insensitive). */
export function samePerson(a: HostUser, b: HostUser): boolean {
  const eq = (x?: string, y?: string): boolean => !!x && !!y && x.toLowerCase() === y.toLowerCase();
  if (a.login && b.login) return eq(a.login, b.login);
  return eq(a.email, b.email) || eq(a.name, b.name);
}

/** A user as the reports show them. */
export function personLabel(u: HostUser | undefined): string {
  if (!u) return '(unknown)';
  return u.login ?? (u.name && u.email ? `${u.name} <${u.email}>` : (u.name ?? u.email ?? '(unknown)'));
}

export function approvalOf(req: ChangeRequest): ApprovalVerdict {
  const approvals = req.reviews.filter((r) => r.state === 'approved');
  const merged = req.mergedAt ? Date.parse(req.mergedAt) : Number.POSITIVE_INFINITY;
  const afterMerge = approvals.filter((r) => Date.parse(r.at) > merged);
  const before = approvals.filter((r) => Date.parse(r.at) <= merged);
  const own = (r: HostReviewEntry): boolean =>
    samePerson(r.user, req.author) || req.committers.some((c) => samePerson(r.user, c));
  const selfApprovals = before.filter(own);
  const independent = before.filter((r) => !own(r));
  const first = independent[0];
  return {
    independent,
    ...(first ? { approvedAt: first.at } : {}),
    onMergedCommit: independent.some((r) => !r.commit || !req.headSha || r.commit === req.headSha),
    selfApprovals,
    afterMerge,
  };
}

/** The change as evidence.json lists it: its review's source always stated, and the approval verdict. */
export function withReviewFacts(c: GitChange): GitChange {
  const r = c.review.request;
  let approval: ApprovalSummary | undefined;
  if (r) {
    const v = approvalOf(r);
    approval = {
      independentApprovers: [...new Set(v.independent.map((a) => personLabel(a.user)))],
      ...(v.approvedAt ? { approvedAt: v.approvedAt } : {}),
      onMergedCommit: v.onMergedCommit,
    };
  }
  return { ...c, review: { ...c.review, source: reviewSource(c.review), ...(approval ? { approval } : {}) } };
}
