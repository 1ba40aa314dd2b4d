// What the Git host (GitHub, GitLab) says about each change: its pull/merge request, reviews and branch rules.

export type ReviewHostKind = 'github' | 'gitlab';

/** Where a change's review facts come from: the host's API, the commit message only, or nowhere. */
export type ReviewSource = 'api' | 'message' | 'none';

/** A person on the host; `name`/`email` are set when the host gives them (GitLab commit committers). */
export interface HostUser {
  readonly login?: string;
  readonly name?: string;
  readonly email?: string;
}

/**
 * One review event. `dismissed` is the host saying an approval no longer counts (GitHub dismissed review,
 * GitLab approval reset by a push) and `withdrawn` (GitLab unapproved): neither counts as approval.
 */
export type HostReviewState = 'approved' | 'changes-requested' | 'commented' | 'dismissed' | 'withdrawn';

export interface HostReviewEntry {
  readonly user: HostUser;
  readonly state: HostReviewState;
  /** When the review was submitted (ISO-8601). */
  readonly at: string;
  /** The commit the review was given on (GitHub commit_id; GitLab: the request's version at that time). */
  readonly commit?: string;
}

/** A pull request (GitHub) or merge request (GitLab) as the host's API returns it. */
export interface ChangeRequest {
  /** "#42" (GitHub) or "group/proj!42" (GitLab). */
  readonly reference: string;
  readonly number: number;
  readonly url?: string;
  readonly title: string;
  readonly author: HostUser;
  readonly createdAt: string;
  readonly mergedAt?: string;
  readonly mergedBy?: HostUser;
  readonly baseBranch: string;
  /** The request's last commit, the one that was merged. */
  readonly headSha?: string;
  readonly mergeCommitSha?: string;
  /** Authors and committers of the request's commits (a reviewer among them reviewed their own work). */
  readonly committers: readonly HostUser[];
  /** Every review/approval event, oldest first. */
  readonly reviews: readonly HostReviewEntry[];
}

/** The verdict on a request's approvals, as evidence.json states it (derived by analyze/changes/approval.ts). */
export interface ApprovalSummary {
  /** Who approved independently before the merge (login, or name for GitLab committers). */
  readonly independentApprovers: readonly string[];
  readonly approvedAt?: string;
  /** Whether an independent approval was given on the merged commit (not an earlier push). */
  readonly onMergedCommit: boolean;
}

/** The protection of the policy branch at collection time, as far as the token could read it. */
export interface BranchProtection {
  readonly branch: string;
  readonly protected: boolean;
  readonly requiredApprovals?: number;
  readonly dismissStaleApprovals?: boolean;
  /** Whether the request's author may approve it (GitLab merge_requests_author_approval). */
  readonly authorMayApprove?: boolean;
  readonly includesAdmins?: boolean;
  /** Users, teams, apps or roles that may bypass the rules or push directly. */
  readonly bypass: readonly string[];
  /** Where each fact was read: "branch protection", "rulesets", "protected branches", "approval rules". */
  readonly sources: readonly string[];
  /** What could not be read (for example branch protection needs admin rights on GitHub). */
  readonly unreadable: readonly string[];
}

/** The host a run asked, recorded in the evidence (never the token). */
export interface ReviewHostEvidence {
  readonly kind: ReviewHostKind;
  readonly apiUrl: string;
  readonly repo: string;
  readonly branch: string;
  readonly protection: BranchProtection;
  /** API requests the run made (for the record and the benchmark). */
  readonly requests: number;
}
