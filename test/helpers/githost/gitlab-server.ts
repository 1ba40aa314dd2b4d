// A loopback server answering like the GitLab REST API v4: bodies shaped as in its documentation, Link and
// x-next-page pagination, PRIVATE-TOKEN auth, 401/403/404 bodies, and 429 with Retry-After / RateLimit-*.
import { page, serve, type Answer, type LoopbackServer, type Req } from './http.js';
import { pushesOf, requestsOfCommit, type FakeHost, type FakePerson, type FakeRequest } from './scenario.js';

function user(p: FakePerson): Record<string, unknown> {
  return {
    id: p.login.length * 97,
    username: p.login,
    name: p.name,
    state: 'active',
    avatar_url: null,
    web_url: `https://gitlab.example/${p.login}`,
  };
}

function mr(host: FakeHost, r: FakeRequest): Record<string, unknown> {
  return {
    id: 5000 + r.number,
    iid: r.number,
    project_id: 1,
    title: r.title,
    description: '',
    state: r.mergedAt ? 'merged' : 'opened',
    created_at: r.createdAt,
    updated_at: r.mergedAt ?? r.createdAt,
    merged_by: r.mergedBy ? user(r.mergedBy) : null,
    merge_user: r.mergedBy ? user(r.mergedBy) : null,
    merged_at: r.mergedAt ?? null,
    closed_by: null,
    closed_at: null,
    target_branch: r.base,
    source_branch: `topic-${r.number}`,
    author: user(r.author),
    sha: r.headSha,
    merge_commit_sha: r.mergeCommitSha ?? null,
    squash_commit_sha: null,
    squash: false,
    web_url: `https://gitlab.example/${host.repo}/-/merge_requests/${r.number}`,
    references: { short: `!${r.number}`, relative: `!${r.number}`, full: `${host.repo}!${r.number}` },
  };
}

/** GitLab's answer when a rate limit is hit. */
export function gitLabLimit(retryAfter = 1): Answer {
  const reset = Math.floor(Date.now() / 1000) + retryAfter;
  return {
    status: 429,
    headers: {
      'retry-after': String(retryAfter),
      'ratelimit-limit': '2000',
      'ratelimit-observed': '2001',
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(reset),
      'ratelimit-resettime': new Date(reset * 1000).toUTCString(),
    },
    body: 'Retry later\n',
  };
}

export async function startGitLab(host: FakeHost): Promise<LoopbackServer> {
  let n = 0;
  let base = '';
  const server = await serve((req) => {
    n++;
    return host.faults?.get(n) ?? route(host, base, req);
  });
  base = server.url;
  return server;
}

const notFound = (what: string): Answer => ({ status: 404, body: { message: `404 ${what} Not Found` } });

function notes(r: FakeRequest): Record<string, unknown>[] {
  const out = r.reviews
    .filter((v) => v.state === 'APPROVED' || v.state === 'DISMISSED' || v.state === 'UNAPPROVED')
    .map((v, i) => ({
      id: 900 + i,
      type: null,
      body: v.state === 'UNAPPROVED' ? 'unapproved this merge request' : 'approved this merge request',
      author: user(v.user),
      created_at: v.at,
      updated_at: v.at,
      system: true,
      noteable_id: 5000 + r.number,
      noteable_type: 'MergeRequest',
      noteable_iid: r.number,
      resolvable: false,
    }));
  out.push({
    id: 899,
    type: null,
    body: 'LGTM, thanks',
    author: user(r.author),
    created_at: r.createdAt,
    updated_at: r.createdAt,
    system: false,
    noteable_id: 5000 + r.number,
    noteable_type: 'MergeRequest',
    noteable_iid: r.number,
    resolvable: false,
  });
  // GitLab lists notes newest first by default.
  return out.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
}

function route(host: FakeHost, base: string, req: Req): Answer {
  if (req.headers['private-token'] !== host.token)
    return { status: 401, body: { message: '401 Unauthorized' } };
  const prefix = `/api/v4/projects/${encodeURIComponent(host.repo)}`;
  if (req.method !== 'GET') return { status: 405, body: { message: '405 Method Not Allowed' } };
  if (!(req.path === prefix || req.path.startsWith(`${prefix}/`))) return notFound('Project');
  const rest = req.path.slice(prefix.length);
  const list = (items: readonly unknown[]): Answer => {
    const p = page(req, base, items, 20, true);
    return { body: p.items, headers: p.headers };
  };
  const find = (iid: string | undefined): FakeRequest | undefined =>
    host.requests.find((r) => r.number === Number(iid));
  let m: RegExpExecArray | null;
  if (rest === '')
    return {
      body: {
        id: 1,
        path_with_namespace: host.repo,
        default_branch: host.defaultBranch,
        visibility: 'private',
      },
    };
  if (rest === '/merge_requests') {
    const state = req.query.get('state') ?? 'all';
    const target = req.query.get('target_branch');
    const after = req.query.get('updated_after');
    return list(
      host.requests
        .filter(
          (r) => (state === 'all' || (state === 'merged') === !!r.mergedAt) && (!target || r.base === target),
        )
        .filter((r) => !after || Date.parse(r.mergedAt ?? r.createdAt) >= Date.parse(after))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .map((r) => mr(host, r)),
    );
  }
  if ((m = /^\/repository\/commits\/([0-9a-f]{40})\/merge_requests$/.exec(rest)))
    return list(requestsOfCommit(host, m[1] as string).map((r) => mr(host, r)));
  if ((m = /^\/merge_requests\/(\d+)(\/approvals|\/notes|\/versions|\/commits)?$/.exec(rest))) {
    const r = find(m[1]);
    if (!r) return notFound('Merge Request');
    switch (m[2]) {
      case undefined:
        return { body: mr(host, r) };
      case '/approvals': {
        const last = new Map<string, string>();
        for (const v of r.reviews) last.set(v.user.login, v.state);
        const approvedBy = [...last]
          .filter(([, s]) => s === 'APPROVED')
          .map(([login]) => r.reviews.find((v) => v.user.login === login)?.user as FakePerson);
        return {
          body: {
            id: 5000 + r.number,
            iid: r.number,
            project_id: 1,
            title: r.title,
            state: 'merged',
            approved: approvedBy.length > 0,
            approvals_required: host.protection?.requiredApprovals ?? 0,
            approvals_left: 0,
            approved_by: approvedBy.map((u) => ({ user: user(u) })),
          },
        };
      }
      case '/notes':
        return list(notes(r));
      case '/versions':
        return {
          body: [...pushesOf(r)].reverse().map((p, i) => ({
            id: 700 + i,
            head_commit_sha: p.sha,
            base_commit_sha: '0'.repeat(40),
            start_commit_sha: '0'.repeat(40),
            created_at: p.at,
            merge_request_id: 5000 + r.number,
            state: 'collected',
            real_size: '1',
          })),
        };
      default:
        return list(
          r.commits.map((c) => ({
            id: c.sha,
            short_id: c.sha.slice(0, 8),
            title: 'change',
            author_name: c.author.name,
            author_email: c.author.email,
            authored_date: r.createdAt,
            committer_name: c.committer.name,
            committer_email: c.committer.email,
            committed_date: r.createdAt,
            message: 'change',
            parent_ids: [],
          })),
        );
    }
  }
  if ((m = /^\/protected_branches\/([^/]+)$/.exec(rest))) {
    if (host.protectionForbidden) return { status: 403, body: { message: '403 Forbidden' } };
    if (!host.protection || decodeURIComponent(m[1] as string) !== host.defaultBranch)
      return { status: 404, body: { message: '404 Not found' } };
    return {
      body: {
        id: 1,
        name: host.defaultBranch,
        push_access_levels: [
          {
            id: 1,
            access_level: 40,
            access_level_description: 'Maintainers',
            deploy_key_id: null,
            user_id: null,
            group_id: null,
          },
        ],
        merge_access_levels: [
          {
            id: 2,
            access_level: 30,
            access_level_description: 'Developers + Maintainers',
            user_id: null,
            group_id: null,
          },
        ],
        allow_force_push: false,
        unprotect_access_levels: [],
        code_owner_approval_required: false,
      },
    };
  }
  if (rest === '/approvals')
    return {
      body: {
        approvals_before_merge: 0,
        reset_approvals_on_push: host.protection?.dismissStale ?? false,
        disable_overriding_approvers_per_merge_request: false,
        merge_requests_author_approval: false,
        merge_requests_disable_committers_approval: true,
        require_password_to_approve: false,
      },
    };
  if (rest === '/approval_rules')
    return {
      body: host.protection
        ? [
            {
              id: 1,
              name: 'Policy owners',
              rule_type: 'regular',
              eligible_approvers: [],
              approvals_required: host.protection.requiredApprovals,
              users: [],
              groups: [],
              contains_hidden_groups: false,
              protected_branches: [],
              applies_to_all_protected_branches: true,
            },
          ]
        : [],
    };
  return notFound('');
}
