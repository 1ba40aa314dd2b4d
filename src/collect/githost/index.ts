// The Git host source: for every change in the Git evidence, its pull/merge request and reviews from the host's
// API, and the policy branch's protection. The only importer of @octokit/* and @gitbeaker/*.
import { AppError } from '../../model/errors.js';
import type { ChangeRequest } from '../../model/change-request.js';
import type { GitChange, GitEvidence, GitReview } from '../../model/git.js';
import type { Logger } from '../../model/log.js';
import { TOKEN_ENV } from './access-error.js';
import { gitHubReader } from './github-reader.js';
import { gitLabReader } from './gitlab-reader.js';
import { mapLimit } from './pool.js';
import type { HostReader, ReviewHostOptions } from './types.js';

export { resolveReviewHost, type ReviewHostFlags } from './detect.js';
export type { ReviewHostOptions } from './types.js';

/** Requests in flight at once: GitHub asks integrators to avoid many concurrent requests. */
const CONCURRENCY = 8;

export interface HostReviewContext {
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  readonly maxWaitSeconds?: number;
}

/** The reader for the options; the token comes only from the environment and goes only into headers. */
export function hostReader(options: ReviewHostOptions, ctx: HostReviewContext): HostReader {
  const name = TOKEN_ENV[options.kind];
  const token = ctx.env[name];
  if (!token)
    throw new AppError(
      'USAGE',
      `--review-host ${options.kind}: set ${name} in the environment to a token that can read ${options.repo}`,
    );
  const hctx = {
    token,
    log: ctx.log,
    ...(ctx.maxWaitSeconds !== undefined ? { maxWaitSeconds: ctx.maxWaitSeconds } : {}),
  };
  return options.kind === 'github' ? gitHubReader(options, hctx) : gitLabReader(options, hctx);
}

/** Adds the host's review facts to every change (source "api"); any failure fails the run, never half the changes. */
export async function collectHostReviews(
  git: GitEvidence,
  options: ReviewHostOptions,
  ctx: HostReviewContext,
  reader: HostReader = hostReader(options, ctx),
): Promise<GitEvidence> {
  const branch =
    git.ref === 'HEAD' || /^[0-9a-f]{40}$/.test(git.ref)
      ? await reader.defaultBranch()
      : git.ref.replace(/^refs\/heads\//, '');
  const since = new Date(git.period.since);
  const batch =
    git.commits.length > 0 ? await reader.mergedRequests(branch, since) : new Map<string, number>();
  const keys = [...new Set(git.commits.map(keyOf))];
  let done = 0;
  const numbers = await mapLimit(keys, CONCURRENCY, async (sha) => {
    const n = batch.get(sha) ?? (await reader.requestOfCommit(sha, branch));
    done++;
    if (done % 100 === 0) ctx.log.progress?.('githost', `${done}/${keys.length} commits matched to requests`);
    return [sha, n] as const;
  });
  const bySha = new Map(numbers);
  const wanted = [...new Set(numbers.map(([, n]) => n).filter((n): n is number => n !== undefined))].sort(
    (a, b) => a - b,
  );
  const requests = new Map<number, ChangeRequest>();
  await mapLimit(wanted, CONCURRENCY, async (n) => {
    requests.set(n, await reader.request(n));
    if (requests.size % 100 === 0)
      ctx.log.progress?.('githost', `${requests.size}/${wanted.length} requests read`);
  });
  const protection = await reader.protection(branch);
  const commits = git.commits.map((c) => withRequest(c, requests.get(bySha.get(keyOf(c)) ?? -1)));
  ctx.log.info('githost.reviews', {
    host: reader.kind,
    repo: reader.repo,
    commits: commits.length,
    requests: wanted.length,
    apiRequests: reader.requestCount(),
  });
  return {
    ...git,
    commits,
    reviewHost: {
      kind: reader.kind,
      apiUrl: reader.apiUrl,
      repo: reader.repo,
      branch,
      protection,
      requests: reader.requestCount(),
    },
  };
}

/** The commit that stands for a change on the branch: the merge that brought it in, or itself. */
function keyOf(c: GitChange): string {
  return c.review.viaMerge ?? c.sha;
}

function withRequest(c: GitChange, request: ChangeRequest | undefined): GitChange {
  const trailers = c.review.approvers;
  const review: GitReview = request
    ? {
        reviewed: true,
        kind: 'merge-request',
        reference: request.reference,
        ...(c.review.viaMerge ? { viaMerge: c.review.viaMerge } : {}),
        approvers: trailers,
        source: 'api',
        request,
      }
    : {
        reviewed: false,
        kind: 'none',
        ...(c.review.viaMerge ? { viaMerge: c.review.viaMerge } : {}),
        approvers: trailers,
        source: 'api',
      };
  return { ...c, review };
}
