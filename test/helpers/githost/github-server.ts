// A loopback server answering like the GitHub REST API (2022-11-28): bodies shaped as in its documentation,
// Link-header pagination, x-ratelimit-* headers, 401/403/404 bodies, and injectable rate-limit answers.
import { page, serve, type Answer, type LoopbackServer, type Req } from './http.js';
import { requestsOfCommit, type FakeHost, type FakePerson, type FakeRequest } from './scenario.js';

const DOCS = 'https://docs.github.com/rest';

function user(p: FakePerson): Record<string, unknown> {
  return {
    login: p.login,
    id: hashId(p.login),
    type: 'User',
    site_admin: false,
    html_url: `https://github.com/${p.login}`,
  };
}

function hashId(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return h;
}

function pull(host: FakeHost, base: string, r: FakeRequest, full: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    url: `${base}/repos/${host.repo}/pulls/${r.number}`,
    id: 1000 + r.number,
    html_url: `https://github.com/${host.repo}/pull/${r.number}`,
    number: r.number,
    state: r.mergedAt ? 'closed' : 'open',
    locked: false,
    title: r.title,
    user: user(r.author),
    body: null,
    created_at: r.createdAt,
    updated_at: r.mergedAt ?? r.createdAt,
    closed_at: r.mergedAt ?? null,
    merged_at: r.mergedAt ?? null,
    merge_commit_sha: r.mergeCommitSha ?? null,
    head: { label: `${host.repo.split('/')[0]}:topic-${r.number}`, ref: `topic-${r.number}`, sha: r.headSha },
    base: { label: `${host.repo.split('/')[0]}:${r.base}`, ref: r.base, sha: '0'.repeat(40) },
    author_association: 'MEMBER',
    draft: false,
  };
  if (full)
    Object.assign(body, {
      merged: !!r.mergedAt,
      mergeable: null,
      merged_by: r.mergedBy ? user(r.mergedBy) : null,
      comments: 0,
      review_comments: 0,
      commits: r.commits.length,
      additions: 1,
      deletions: 0,
      changed_files: 1,
    });
  return body;
}

function gitUser(p: FakePerson, at: string): Record<string, unknown> {
  return { name: p.name, email: p.email, date: at };
}

/** Starts the server; `host.faults` replace the n-th answer (rate limits), counting every request. */
export async function startGitHub(host: FakeHost): Promise<LoopbackServer> {
  let n = 0;
  let base = '';
  const reset = (): string => String(Math.floor(Date.now() / 1000) + 1);
  const server = await serve((req) => {
    n++;
    const limit = {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-used': String(n),
      'x-ratelimit-resource': 'core',
      'x-ratelimit-reset': reset(),
    };
    const fault = host.faults?.get(n);
    if (fault) return { ...fault, headers: { ...limit, 'x-ratelimit-remaining': '4000', ...fault.headers } };
    const a = route(host, base, req);
    return {
      ...a,
      headers: { ...limit, 'x-ratelimit-remaining': String(Math.max(0, 5000 - n)), ...a.headers },
    };
  });
  base = server.url;
  return server;
}

/** GitHub's primary-limit answer: 403, remaining 0, reset in a second. */
export function primaryLimit(): Answer {
  return {
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) },
    body: {
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
    },
  };
}

/** GitHub's secondary-limit answer: 403 with retry-after. */
export function secondaryLimit(retryAfter = 1): Answer {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfter) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
    },
  };
}

const notFound: Answer = {
  status: 404,
  body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
};

function route(host: FakeHost, base: string, req: Req): Answer {
  const auth = req.headers.authorization ?? '';
  if (auth !== `token ${host.token}` && auth !== `Bearer ${host.token}`)
    return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
  const prefix = `/repos/${host.repo}`;
  if (req.method !== 'GET' || !(req.path === prefix || req.path.startsWith(`${prefix}/`))) return notFound;
  const rest = req.path.slice(prefix.length);
  const list = (items: readonly unknown[]): Answer => {
    const p = page(req, base, items, 30, false);
    return { body: p.items, headers: p.headers };
  };
  let m: RegExpExecArray | null;
  if (rest === '')
    return {
      body: {
        id: 1,
        name: host.repo.split('/')[1],
        full_name: host.repo,
        private: true,
        default_branch: host.defaultBranch,
      },
    };
  if (rest === '/pulls') {
    const state = req.query.get('state') ?? 'open';
    const wanted = host.requests
      .filter(
        (r) =>
          (state === 'all' || (state === 'closed') === !!r.mergedAt) &&
          (!req.query.get('base') || r.base === req.query.get('base')),
      )
      .map((r) => pull(host, base, r, false))
      .sort(
        (a, b) =>
          String(b['updated_at']).localeCompare(String(a['updated_at'])) ||
          Number(b['number']) - Number(a['number']),
      );
    return list(wanted);
  }
  if ((m = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(rest)))
    return list(requestsOfCommit(host, m[1] as string).map((r) => pull(host, base, r, false)));
  if ((m = /^\/pulls\/(\d+)(\/reviews|\/commits)?$/.exec(rest))) {
    const r = host.requests.find((x) => x.number === Number(m?.[1]));
    if (!r) return notFound;
    if (!m[2]) return { body: pull(host, base, r, true) };
    if (m[2] === '/commits')
      return list(
        r.commits.map((c) => ({
          sha: c.sha,
          commit: {
            author: gitUser(c.author, r.createdAt),
            committer: gitUser(c.committer, r.createdAt),
            message: `change in #${r.number}`,
          },
          author: user(c.author),
          committer:
            c.committer.login === 'web-flow'
              ? { login: 'web-flow', id: 19864447, type: 'User' }
              : user(c.committer),
          parents: [],
        })),
      );
    return list(
      r.reviews
        .filter((v) => v.state !== 'UNAPPROVED')
        .map((v, i) => ({
          id: 80 + i,
          user: user(v.user),
          body: '',
          state: v.state,
          html_url: `https://github.com/${host.repo}/pull/${r.number}#pullrequestreview-${80 + i}`,
          author_association: 'MEMBER',
          submitted_at: v.at,
          commit_id: v.commit,
        })),
    );
  }
  if ((m = /^\/branches\/([^/]+)\/protection$/.exec(rest))) {
    if (host.protectionForbidden)
      return {
        status: 403,
        body: {
          message: 'Resource not accessible by personal access token',
          documentation_url: DOCS,
          status: '403',
        },
      };
    const p = host.protection;
    if (!p || m[1] !== host.defaultBranch)
      return {
        status: 404,
        body: { message: 'Branch not protected', documentation_url: DOCS, status: '404' },
      };
    return {
      body: {
        url: `${base}${req.path}`,
        required_pull_request_reviews: {
          dismiss_stale_reviews: p.dismissStale,
          require_code_owner_reviews: false,
          required_approving_review_count: p.requiredApprovals,
          require_last_push_approval: false,
          bypass_pull_request_allowances: {
            users: p.bypassUsers.map((login) => ({ login, id: hashId(login), type: 'User' })),
            teams: [],
            apps: [],
          },
        },
        enforce_admins: { url: `${base}${req.path}/enforce_admins`, enabled: p.enforceAdmins },
        required_linear_history: { enabled: false },
        allow_force_pushes: { enabled: false },
      },
    };
  }
  if (/^\/rules\/branches\/[^/]+$/.test(rest)) return list([]);
  return notFound;
}
