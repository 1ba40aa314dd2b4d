// GitLab API v4 answers for review evidence: merged merge requests, approvals, notes, versions, commits.
import type { ChangeRequest, HostReviewEntry, HostUser } from '../../model/change-request.js';
import { hostAccessError } from './access-error.js';
import { GitLabHttpError, gitLabClient, type GitLabClient } from './gitlab-client.js';
import { gitLabProtection } from './gitlab-protection.js';
import type { HostContext, HostReader, ReviewHostOptions } from './types.js';

interface RawUser {
  readonly username?: string;
  readonly name?: string;
}
interface RawMr {
  readonly iid: number;
  readonly title: string;
  readonly web_url?: string;
  readonly author?: RawUser;
  readonly created_at: string;
  readonly merged_at?: string | null;
  readonly merged_by?: RawUser | null;
  readonly merge_user?: RawUser | null;
  readonly target_branch: string;
  readonly sha?: string;
  readonly merge_commit_sha?: string | null;
  readonly squash_commit_sha?: string | null;
  readonly state?: string;
  readonly references?: { readonly full?: string };
}
interface RawNote {
  readonly body: string;
  readonly system: boolean;
  readonly created_at: string;
  readonly author?: RawUser;
}
interface RawVersion {
  readonly head_commit_sha: string;
  readonly created_at: string;
}
interface RawCommit {
  readonly author_name?: string;
  readonly author_email?: string;
  readonly committer_name?: string;
  readonly committer_email?: string;
}

function user(u: RawUser | null | undefined): HostUser {
  return { ...(u?.username ? { login: u.username } : {}), ...(u?.name ? { name: u.name } : {}) };
}

/** A reader of one project; merge requests seen in the batched list are not fetched again. */
export function gitLabReader(options: ReviewHostOptions, ctx: HostContext): HostReader {
  const { client, count } = gitLabClient(options.apiUrl, ctx);
  const pid = options.repo;
  const seen = new Map<number, RawMr>();
  const call = async <T>(what: string, fn: () => Promise<unknown>): Promise<T> => {
    try {
      return (await fn()) as T;
    } catch (e) {
      if (e instanceof GitLabHttpError)
        throw hostAccessError('gitlab', options.apiUrl, `${what} of ${pid}`, e.status, e.message, e);
      throw e;
    }
  };
  return {
    kind: 'gitlab',
    apiUrl: options.apiUrl,
    repo: pid,
    requestCount: count,
    defaultBranch: async () =>
      (await call<{ default_branch: string }>('reading the project', () => client.Projects.show(pid)))
        .default_branch,
    mergedRequests: async (branch, since) => {
      const mrs = await call<RawMr[]>('listing merge requests', () =>
        client.MergeRequests.all({
          projectId: pid,
          state: 'merged',
          targetBranch: branch,
          updatedAfter: since.toISOString(),
          perPage: 100,
        }),
      );
      const out = new Map<string, number>();
      for (const mr of mrs) {
        seen.set(mr.iid, mr);
        for (const sha of [mr.merge_commit_sha, mr.squash_commit_sha, mr.sha])
          if (sha && !out.has(sha)) out.set(sha, mr.iid);
      }
      return out;
    },
    requestOfCommit: async (sha, branch) => {
      const mrs = await call<RawMr[]>(`listing merge requests of commit ${sha}`, () =>
        client.Commits.allMergeRequests(pid, sha),
      );
      const merged = mrs.filter((m) => m.state === 'merged' && m.target_branch === branch);
      const mr = merged.find((m) => m.merge_commit_sha === sha || m.squash_commit_sha === sha) ?? merged[0];
      if (mr) seen.set(mr.iid, mr);
      return mr?.iid;
    },
    request: async (iid) => {
      const mr =
        seen.get(iid) ??
        (await call<RawMr>(`reading merge request !${iid}`, () => client.MergeRequests.show(pid, iid)));
      return mergeRequest(client, pid, mr, call);
    },
    protection: (branch) => gitLabProtection(client, pid, branch, options.apiUrl),
  };
}

type Call = <T>(what: string, fn: () => Promise<unknown>) => Promise<T>;

async function mergeRequest(
  client: GitLabClient,
  pid: string,
  mr: RawMr,
  call: Call,
): Promise<ChangeRequest> {
  const what = `merge request !${mr.iid}`;
  const [approvals, notes, versions, commits] = await Promise.all([
    call<{ approved_by?: { user: RawUser }[] }>(`reading approvals of ${what}`, () =>
      client.MergeRequestApprovals.showConfiguration(pid, { mergerequestIId: mr.iid }),
    ),
    call<RawNote[]>(`reading notes of ${what}`, () =>
      client.MergeRequestNotes.all(pid, mr.iid, { perPage: 100 }),
    ),
    call<RawVersion[]>(`reading versions of ${what}`, () =>
      client.MergeRequests.allDiffVersions(pid, mr.iid),
    ),
    call<RawCommit[]>(`reading commits of ${what}`, () =>
      client.MergeRequests.allCommits(pid, mr.iid, { perPage: 100 }),
    ),
  ]);
  const current = new Set((approvals.approved_by ?? []).map((a) => a.user.username));
  const byTime = [...versions].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  const reviews = approvalEvents(notes, byTime, current);
  const people = new Map<string, HostUser>();
  for (const c of commits)
    for (const [name, email] of [
      [c.author_name, c.author_email],
      [c.committer_name, c.committer_email],
    ])
      if (name || email)
        people.set(`${name ?? ''}<${email ?? ''}>`, {
          ...(name ? { name } : {}),
          ...(email ? { email } : {}),
        });
  const merger = mr.merged_by ?? mr.merge_user;
  return {
    reference: mr.references?.full ?? `${pid}!${mr.iid}`,
    number: mr.iid,
    ...(mr.web_url ? { url: mr.web_url } : {}),
    title: mr.title,
    author: user(mr.author),
    createdAt: new Date(mr.created_at).toISOString(),
    ...(mr.merged_at ? { mergedAt: new Date(mr.merged_at).toISOString() } : {}),
    ...(merger ? { mergedBy: user(merger) } : {}),
    baseBranch: mr.target_branch,
    ...(mr.sha ? { headSha: mr.sha } : {}),
    ...(mr.merge_commit_sha || mr.squash_commit_sha
      ? { mergeCommitSha: (mr.merge_commit_sha ?? mr.squash_commit_sha) as string }
      : {}),
    committers: [...people.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, u]) => u),
    reviews,
  };
}

/**
 * Approval events from system notes ("approved this merge request" / "unapproved this merge request"). An
 * approval the host no longer lists in approved_by (withdrawn, or reset by a push) is `dismissed`; the commit
 * approved is the request's newest version at that time.
 */
export function approvalEvents(
  notes: readonly RawNote[],
  versions: readonly RawVersion[],
  current: ReadonlySet<string | undefined>,
): HostReviewEntry[] {
  const events = notes
    .filter((n) => n.system && /^(un)?approved this merge request/.test(n.body))
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  const lastApproval = new Map<string, number>();
  events.forEach((n, i) => {
    if (n.body.startsWith('approved') && n.author?.username) lastApproval.set(n.author.username, i);
  });
  return events.map((n, i) => {
    const at = new Date(n.created_at).toISOString();
    const version = [...versions].reverse().find((v) => Date.parse(v.created_at) <= Date.parse(n.created_at));
    const login = n.author?.username;
    const stillCounted =
      n.body.startsWith('approved') &&
      login !== undefined &&
      current.has(login) &&
      lastApproval.get(login) === i;
    return {
      user: user(n.author),
      state: stillCounted ? 'approved' : n.body.startsWith('approved') ? 'dismissed' : 'withdrawn',
      at,
      ...(version ? { commit: version.head_commit_sha } : {}),
    } satisfies HostReviewEntry;
  });
}
