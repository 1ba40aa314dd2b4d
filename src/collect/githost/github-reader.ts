// GitHub REST API answers for review evidence: merged pull requests, their reviews and commits, branch rules.
import type {
  ChangeRequest,
  HostReviewEntry,
  HostReviewState,
  HostUser,
} from '../../model/change-request.js';
import { gitHubCall, gitHubClient, type GitHubClient } from './github-client.js';
import { gitHubProtection } from './github-protection.js';
import type { HostContext, HostReader, ReviewHostOptions } from './types.js';

const STATES: Readonly<Record<string, HostReviewState>> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  COMMENTED: 'commented',
  DISMISSED: 'dismissed',
};

/** GitHub's web-flow account commits web edits and merges on people's behalf: it is not a person. */
const NOT_PEOPLE = new Set(['web-flow', 'GitHub']);

function user(u: { login?: string } | null | undefined): HostUser {
  return u?.login ? { login: u.login } : {};
}

/** A reader of one repository through the REST API (pagination via Link headers, per-run caches). */
export function gitHubReader(options: ReviewHostOptions, ctx: HostContext): HostReader {
  const { client, count } = gitHubClient(options.apiUrl, ctx);
  const [owner = '', repo = ''] = options.repo.split('/');
  const base = { owner, repo };
  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    gitHubCall(options.apiUrl, `${what} of ${options.repo}`, fn);
  return {
    kind: 'github',
    apiUrl: options.apiUrl,
    repo: options.repo,
    requestCount: count,
    defaultBranch: async () =>
      (await call('reading the repository', () => client.rest.repos.get(base))).data.default_branch,
    mergedRequests: (branch, since) =>
      call('listing pull requests', () => mergedPulls(client, base, branch, since)),
    requestOfCommit: async (sha, branch) => {
      const res = await call(`listing pull requests of commit ${sha}`, () =>
        client.rest.repos.listPullRequestsAssociatedWithCommit({ ...base, commit_sha: sha, per_page: 100 }),
      );
      const merged = res.data.filter((p) => p.merged_at && p.base.ref === branch);
      return (merged.find((p) => p.merge_commit_sha === sha) ?? merged[0])?.number;
    },
    request: (num) => call(`reading pull request #${num}`, () => pullRequest(client, base, num)),
    protection: (branch) => gitHubProtection(client, base, branch, options.apiUrl),
  };
}

type Repo = { owner: string; repo: string };

/** Closed pulls into the branch, newest update first, until one was last updated before the period. */
async function mergedPulls(
  client: GitHubClient,
  base: Repo,
  branch: string,
  since: Date,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const params = {
    ...base,
    state: 'closed',
    base: branch,
    sort: 'updated',
    direction: 'desc',
    per_page: 100,
  } as const;
  for await (const page of client.paginate.iterator(client.rest.pulls.list, params)) {
    for (const p of page.data) {
      if (!p.merged_at) continue;
      if (p.merge_commit_sha) out.set(p.merge_commit_sha, p.number);
      // A rebase or fast-forward merge puts the head commit itself on the branch.
      if (!out.has(p.head.sha)) out.set(p.head.sha, p.number);
    }
    const last = page.data[page.data.length - 1];
    if (!last || new Date(last.updated_at).getTime() < since.getTime()) break;
  }
  return out;
}

async function pullRequest(client: GitHubClient, base: Repo, num: number): Promise<ChangeRequest> {
  const [pull, reviews, commits] = await Promise.all([
    client.rest.pulls.get({ ...base, pull_number: num }),
    client.paginate(client.rest.pulls.listReviews, { ...base, pull_number: num, per_page: 100 }),
    client.paginate(client.rest.pulls.listCommits, { ...base, pull_number: num, per_page: 100 }),
  ]);
  const p = pull.data;
  const people = new Map<string, HostUser>();
  for (const c of commits)
    for (const u of [c.author, c.committer])
      if (u?.login && !NOT_PEOPLE.has(u.login)) people.set(u.login, { login: u.login });
  const entries: HostReviewEntry[] = reviews
    .filter((r) => r.submitted_at && STATES[r.state])
    .map((r) => ({
      user: user(r.user),
      state: STATES[r.state] as HostReviewState,
      at: new Date(r.submitted_at as string).toISOString(),
      ...(r.commit_id ? { commit: r.commit_id } : {}),
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
  return {
    reference: `#${p.number}`,
    number: p.number,
    url: p.html_url,
    title: p.title,
    author: user(p.user),
    createdAt: new Date(p.created_at).toISOString(),
    ...(p.merged_at ? { mergedAt: new Date(p.merged_at).toISOString() } : {}),
    ...(p.merged_by?.login ? { mergedBy: { login: p.merged_by.login } } : {}),
    baseBranch: p.base.ref,
    headSha: p.head.sha,
    ...(p.merge_commit_sha ? { mergeCommitSha: p.merge_commit_sha } : {}),
    committers: [...people.values()].sort((a, b) => (a.login ?? '').localeCompare(b.login ?? '')),
    reviews: entries,
  };
}
