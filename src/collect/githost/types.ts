// The seam between the host-neutral review collection and one host's API (GitHub or GitLab).
import type { BranchProtection, ChangeRequest, ReviewHostKind } from '../../model/change-request.js';
import type { Logger } from '../../model/log.js';

/** One host's answers; every method may throw an AppError (GIT_ACCESS, exit 3) naming host and scope. */
export interface HostReader {
  readonly kind: ReviewHostKind;
  readonly apiUrl: string;
  readonly repo: string;
  /** The repository's default branch (when --git-ref was HEAD of a clone). */
  defaultBranch(): Promise<string>;
  /** Requests merged into `branch` since `since`, by every commit that can stand for them (batched list). */
  mergedRequests(branch: string, since: Date): Promise<Map<string, number>>;
  /** The merged request into `branch` that contains `sha`, when the batched list did not name one. */
  requestOfCommit(sha: string, branch: string): Promise<number | undefined>;
  request(num: number): Promise<ChangeRequest>;
  protection(branch: string): Promise<BranchProtection>;
  /** API requests made so far. */
  requestCount(): number;
}

/** The resolved `--review-host*` options of one run. */
export interface ReviewHostOptions {
  readonly kind: ReviewHostKind;
  /** API base URL ("https://api.github.com", "https://gitlab.example.com"). */
  readonly apiUrl: string;
  /** "owner/name" (GitHub) or "group/sub/project" (GitLab). */
  readonly repo: string;
}

export interface HostContext {
  readonly token: string;
  readonly log: Logger;
  /** Longest wait for a rate limit before the run fails (seconds); default one hour. */
  readonly maxWaitSeconds?: number;
}
