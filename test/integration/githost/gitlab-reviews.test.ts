import { collectGitEvidence } from '../../../src/collect/git/index.js';
import { collectHostReviews } from '../../../src/collect/githost/index.js';
import { approvalOf } from '../../../src/analyze/changes/approval.js';
import { AppError } from '../../../src/model/errors.js';
import type { GitEvidence } from '../../../src/model/git.js';
import { silentLogger, type Logger } from '../../../src/model/log.js';
import { gitLabLimit, startGitLab } from '../../helpers/githost/gitlab-server.js';
import type { LoopbackServer } from '../../helpers/githost/http.js';
import { buildReviewRepo, fillerRequests, people } from '../../helpers/githost/review-repo.js';
import type { FakeHost } from '../../helpers/githost/scenario.js';

const fixture = buildReviewRepo();
const PROJECT = 'platform/net/policies';
let git: GitEvidence;

beforeAll(async () => {
  git = await collectGitEvidence({
    repo: fixture.repo.dir,
    paths: ['clusters/**'],
    since: new Date('2026-01-01T00:00:00Z'),
    until: new Date('2026-02-01T00:00:00Z'),
    log: silentLogger,
  });
});
afterAll(() => fixture.repo.cleanup());

async function withHost<T>(host: FakeHost, fn: (s: LoopbackServer) => Promise<T>): Promise<T> {
  const server = await startGitLab(host);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

function collect(
  server: LoopbackServer,
  token = 'test-token-1',
  log: Logger = silentLogger,
  repo = PROJECT,
  maxWaitSeconds?: number,
) {
  return collectHostReviews(
    git,
    { kind: 'gitlab', apiUrl: server.url, repo },
    { env: { GITLAB_TOKEN: token }, log, ...(maxWaitSeconds !== undefined ? { maxWaitSeconds } : {}) },
  );
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('review evidence from the GitLab API v4', () => {
  describe('when every change went through a merge request or straight to main', () => {
    let out: GitEvidence;
    let server: LoopbackServer;
    beforeAll(async () => {
      const host = fixture.host('gitlab');
      server = await startGitLab({ ...host, requests: [...host.requests, ...fillerRequests(130, 100)] });
      out = await collect(server);
    });
    afterAll(() => server.close());
    const change = (sha: string) => out.commits.find((c) => c.sha === sha);

    it('marks every change as verified with the host and finds the direct commit has no request', () => {
      expect(out.commits.map((c) => c.review.source)).toEqual(out.commits.map(() => 'api'));
      expect(change(fixture.sha.direct)?.review.request).toBeUndefined();
    });

    it('records the merge request with its full reference, author, merger and target branch', () => {
      expect(change(fixture.sha.feature)?.review.request).toMatchObject({
        reference: `${PROJECT}!1`,
        number: 1,
        author: { login: 'bob', name: 'Bob Builder' },
        mergedBy: { login: 'alice' },
        baseBranch: 'main',
        mergedAt: '2026-01-03T12:00:00.000Z',
      });
    });

    it('reads approvals from the system notes, on the version current at the time', () => {
      const v = approvalOf(change(fixture.sha.feature)?.review.request as never);
      expect(v.independent.map((r) => [r.user.login, r.at, r.commit])).toEqual([
        ['carol', '2026-01-03T10:00:00.000Z', fixture.sha.feature],
      ]);
      expect(v.onMergedCommit).toBe(true);
    });

    it('does not count an approval by the committer of the changes (matched by name)', () => {
      const v = approvalOf(change(fixture.sha.squash2)?.review.request as never);
      expect(v.independent).toEqual([]);
      expect(v.selfApprovals.map((r) => r.user.name)).toEqual([people.dave.name]);
    });

    it('counts as dismissed an approval GitLab no longer lists (reset by a push)', () => {
      const r = change(fixture.sha.squash3)?.review.request;
      // Carol approved twice; approved_by lists her once, so only the later approval (after the merge) stands.
      expect(r?.reviews.map((x) => x.state)).toEqual(['dismissed', 'approved']);
      expect(approvalOf(r as never).independent).toEqual([]);
    });

    it('sees the approval of a rebased request was for an earlier push', () => {
      const v = approvalOf(change(fixture.sha.rebased4)?.review.request as never);
      expect(v.independent.map((x) => x.commit)).toEqual([fixture.sha.push4a]);
      expect(v.onMergedCommit).toBe(false);
    });

    it('follows the Link header through the merge request list', () => {
      const pages = server.log.filter((l) =>
        l.startsWith(`GET /api/v4/projects/${encodeURIComponent(PROJECT)}/merge_requests?`),
      );
      expect(pages.length).toBe(2);
      expect(pages[1]).toContain('page=2');
    });

    it('records protected branch, approval settings and rules', () => {
      expect(out.reviewHost?.protection).toMatchObject({
        branch: 'main',
        protected: true,
        requiredApprovals: 1,
        dismissStaleApprovals: true,
        authorMayApprove: false,
        bypass: ['push: Maintainers'],
        sources: ['protected branches', 'approval settings', 'approval rules'],
      });
      expect(out.reviewHost?.requests).toBe(server.log.length);
    });
  });

  describe('when the host refuses', () => {
    it('is an access error (exit 3) naming GitLab and the read_api scope for a refused token', async () => {
      const e = await withHost(fixture.host('gitlab'), (s) => failure(collect(s, 'nope')));
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(
        /^GitLab \(http:\/\/127\.0\.0\.1:\d+\) refused the token \(401: 401 Unauthorized\); it needs .*read_api/,
      );
    });

    it('is an access error for a project it does not know (404)', async () => {
      const e = await withHost(fixture.host('gitlab'), (s) =>
        failure(collect(s, 'test-token-1', silentLogger, 'platform/other')),
      );
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/answered 404 .*platform\/other/);
    });
  });

  describe('when the host answers 429', () => {
    it('waits for Retry-After, says so, and returns the complete result', async () => {
      const plain = await withHost(fixture.host('gitlab'), (s) => collect(s));
      const events: string[] = [];
      const log: Logger = {
        ...silentLogger,
        warn: (e, f) => events.push(`${e} ${String(f?.waitSeconds)} ${String(f?.retrying)}`),
      };
      const limited = await withHost(
        fixture.host('gitlab', { faults: new Map([[3, gitLabLimit(1)]]) }),
        (s) => collect(s, 'test-token-1', log),
      );
      expect(events).toEqual(['githost.rate-limit 1 true']);
      expect(limited.commits).toEqual(plain.commits);
    });

    it('fails (exit 3) when the limit would outlast the longest wait', async () => {
      const faults = new Map([[2, gitLabLimit(600)]]);
      const e = await withHost(fixture.host('gitlab', { faults }), (s) =>
        failure(collect(s, 'test-token-1', silentLogger, PROJECT, 30)),
      );
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/GitLab .* rate limit still exhausted .*no partial result/);
    });
  });
});
