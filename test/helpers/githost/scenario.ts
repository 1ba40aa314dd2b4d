// What a loopback Git host knows: one repository's merged requests, their commits and reviews, branch rules.
import type { Answer } from './http.js';

export interface FakePerson {
  readonly login: string;
  readonly name: string;
  readonly email: string;
}

export type FakeReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'UNAPPROVED';

export interface FakeReview {
  readonly user: FakePerson;
  readonly state: FakeReviewState;
  readonly at: string;
  /** The request's head when the review was given. */
  readonly commit: string;
}

export interface FakeRequest {
  readonly number: number;
  readonly title: string;
  readonly author: FakePerson;
  readonly createdAt: string;
  readonly mergedAt?: string;
  readonly mergedBy?: FakePerson;
  readonly base: string;
  readonly headSha: string;
  /** Merge or squash commit on the base branch. */
  readonly mergeCommitSha?: string;
  /** The request's commits with who wrote and committed them. */
  readonly commits: readonly {
    readonly sha: string;
    readonly author: FakePerson;
    readonly committer: FakePerson;
  }[];
  readonly reviews: readonly FakeReview[];
  /** Pushes (head sha and time), oldest first; default: one push of headSha at createdAt. */
  readonly pushes?: readonly { readonly sha: string; readonly at: string }[];
}

export interface FakeProtection {
  readonly requiredApprovals: number;
  readonly dismissStale: boolean;
  readonly enforceAdmins: boolean;
  readonly bypassUsers: readonly string[];
}

export interface FakeHost {
  /** "owner/name" or "group/project". */
  readonly repo: string;
  readonly defaultBranch: string;
  readonly token: string;
  readonly requests: readonly FakeRequest[];
  /** Commits the host associates with requests beyond merge commits and heads (rebase merges). */
  readonly commitRequests?: ReadonlyMap<string, readonly number[]>;
  readonly protection?: FakeProtection;
  /** When set, reading branch protection answers 403 (a token without admin rights). */
  readonly protectionForbidden?: boolean;
  /** Answers given instead of the real one to the n-th request (1-based): rate limits, outages. */
  readonly faults?: ReadonlyMap<number, Answer>;
}

/** Requests that contain `sha`: as merge commit, head, one of their commits, or by association. */
export function requestsOfCommit(host: FakeHost, sha: string): FakeRequest[] {
  const extra = host.commitRequests?.get(sha) ?? [];
  return host.requests.filter(
    (r) =>
      r.mergeCommitSha === sha ||
      r.headSha === sha ||
      r.commits.some((c) => c.sha === sha) ||
      extra.includes(r.number),
  );
}

export function pushesOf(r: FakeRequest): readonly { sha: string; at: string }[] {
  return r.pushes ?? [{ sha: r.headSha, at: r.createdAt }];
}
