import { collectGitEvidence } from '../../../src/collect/git/index.js';
import { collectHostReviews } from '../../../src/collect/githost/index.js';
import { approvalOf } from '../../../src/analyze/changes/approval.js';
import { changeChecksRun, changeFindings } from '../../../src/analyze/changes/index.js';
import { AppError } from '../../../src/model/errors.js';
import type { GitEvidence } from '../../../src/model/git.js';
import { silentLogger, type Logger } from '../../../src/model/log.js';
import { primaryLimit, secondaryLimit, startGitHub } from '../../helpers/githost/github-server.js';
import type { LoopbackServer } from '../../helpers/githost/http.js';
import { buildReviewRepo, fillerRequests } from '../../helpers/githost/review-repo.js';
import type { FakeHost } from '../../helpers/githost/scenario.js';

const fixture = buildReviewRepo();
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
  const server = await startGitHub(host);
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
  repo = 'org/policies',
  maxWaitSeconds?: number,
) {
  return collectHostReviews(
    git,
    { kind: 'github', apiUrl: server.url, repo },
    { env: { GITHUB_TOKEN: token }, log, ...(maxWaitSeconds !== undefined ? { maxWaitSeconds } : {}) },
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

describe('review evidence from the GitHub REST API', () => {
  describe('when every change went through a pull request or straight to main', () => {
    let out: GitEvidence;
    let server: LoopbackServer;
    beforeAll(async () => {
      server = await startGitHub(
        fixture.host('github', {
          requests: [...fixture.host('github').requests, ...fillerRequests(130, 100)],
        }),
      );
      out = await collect(server);
    });
    afterAll(() => server.close());
    const change = (sha: string) => out.commits.find((c) => c.sha === sha);

    it('marks every change as verified with the host', () => {
      expect(out.commits.map((c) => c.review.source)).toEqual(out.commits.map(() => 'api'));
    });

    it('finds the direct commit has no pull request', () => {
      expect(change(fixture.sha.direct)?.review).toMatchObject({ reviewed: false, source: 'api' });
      expect(change(fixture.sha.direct)?.review.request).toBeUndefined();
    });

    it('records the pull request of a merged branch, with its author, merger and base', () => {
      const r = change(fixture.sha.feature)?.review.request;
      expect(r).toMatchObject({
        reference: '#1',
        title: 'web policy',
        author: { login: 'bob' },
        mergedBy: { login: 'alice' },
        baseBranch: 'main',
        createdAt: '2026-01-03T09:00:00.000Z',
        mergedAt: '2026-01-03T12:00:00.000Z',
        headSha: fixture.sha.feature,
      });
      expect(change(fixture.sha.merge1)?.review.request?.number).toBe(1);
    });

    it('counts an approval by someone else on the merged commit before the merge as independent', () => {
      const v = approvalOf(change(fixture.sha.feature)?.review.request as never);
      expect(v.independent.map((r) => r.user.login)).toEqual(['carol']);
      expect(v.approvedAt).toBe('2026-01-03T10:00:00.000Z');
      expect(v.onMergedCommit).toBe(true);
    });

    it('does not count an approval by a committer of the reviewed changes', () => {
      const v = approvalOf(change(fixture.sha.squash2)?.review.request as never);
      expect(v.independent).toEqual([]);
      expect(v.selfApprovals.map((r) => r.user.login)).toEqual(['dave']);
    });

    it('does not count a dismissed approval or one given after the merge', () => {
      const r = change(fixture.sha.squash3)?.review.request;
      expect(r?.reviews.map((x) => x.state)).toEqual(['dismissed', 'approved']);
      const v = approvalOf(r as never);
      expect(v.independent).toEqual([]);
      expect(v.afterMerge.map((x) => x.user.login)).toEqual(['carol']);
    });

    it('finds the request of a rebased commit and sees the approval was for an earlier push', () => {
      const r = change(fixture.sha.rebased4)?.review.request;
      expect(r?.number).toBe(4);
      const v = approvalOf(r as never);
      expect(v.independent.map((x) => x.commit)).toEqual([fixture.sha.push4a]);
      expect(v.onMergedCommit).toBe(false);
    });

    it('reads the pull request list page by page through the Link header', () => {
      const pages = server.log.filter((l) => l.startsWith('GET /repos/org/policies/pulls?'));
      expect(pages.length).toBe(2);
      expect(pages[1]).toContain('page=2');
    });

    it('finds the direct commit unreviewed and the two requests merged without independent approval', () => {
      const found = changeFindings(out)
        .filter((f) => f.rule.startsWith('change-without'))
        .map((f) => [f.rule, f.resource.name]);
      expect(found).toEqual([
        ['change-without-approval', fixture.sha.squash3],
        ['change-without-approval', fixture.sha.squash2],
        ['change-without-review', fixture.sha.direct],
      ]);
      expect(changeChecksRun(out)).toContain('change-without-approval');
      expect(changeChecksRun(git)).not.toContain('change-without-approval');
    });

    it('names the commit, the request and the people in a change-without-approval finding', () => {
      const f = changeFindings(out).find((x) => x.resource.name === fixture.sha.squash2);
      expect(f?.message).toContain('merged through #2 without an independent approval');
      expect(f?.explanation).toContain(
        '"Tighten a" (opened by bob, merged by bob at 2026-01-04T12:00:00.000Z)',
      );
      expect(f?.explanation).toContain('approved only by its author or a committer of its changes (dave)');
      expect(f?.explanation).toContain('verified with GitHub org/policies');
    });

    it('finds a change a controller applied before its first independent approval, exact times only', () => {
      const deployedAt = (at: string, approximate = false) => ({
        ...out,
        commits: out.commits.map((c) =>
          c.sha === fixture.sha.feature
            ? {
                ...c,
                deployed: {
                  at,
                  revision: fixture.sha.merge1,
                  by: 'Argo CD Application argocd/web',
                  ...(approximate ? { approximate } : {}),
                },
              }
            : c,
        ),
      });
      const early = (ev: GitEvidence) =>
        changeFindings(ev).filter((f) => f.rule === 'change-deployed-before-approval');
      const f = early(deployedAt('2026-01-03T09:30:00.000Z'));
      expect(f.map((x) => x.resource.name)).toEqual([fixture.sha.feature]);
      expect(f[0]?.message).toContain(
        'reached the cluster at 2026-01-03T09:30:00.000Z, before its first independent approval at 2026-01-03T10:00:00.000Z',
      );
      expect(early(deployedAt('2026-01-03T09:30:00.000Z', true))).toEqual([]);
      expect(early(deployedAt('2026-01-03T12:30:00.000Z'))).toEqual([]);
    });

    it('records the branch protection and counts the API requests', () => {
      expect(out.reviewHost).toMatchObject({
        kind: 'github',
        repo: 'org/policies',
        branch: 'main',
        protection: {
          protected: true,
          requiredApprovals: 1,
          dismissStaleApprovals: true,
          includesAdmins: false,
        },
      });
      expect(out.reviewHost?.protection.bypass).toEqual(['repository administrators', 'user release-bot']);
      expect(out.reviewHost?.requests).toBe(server.log.length);
    });
  });

  describe('when the token cannot read branch protection', () => {
    it('records what could not be read and still collects the reviews', async () => {
      const out = await withHost(fixture.host('github', { protectionForbidden: true }), (s) => collect(s));
      expect(out.reviewHost?.protection.unreadable).toEqual([
        'branch protection (403: the token needs Administration: read)',
      ]);
      expect(out.reviewHost?.protection.protected).toBe(false);
    });
  });

  describe('when the host refuses', () => {
    it('is an access error (exit 3) naming the host and the permission for a refused token', async () => {
      const e = await withHost(fixture.host('github'), (s) => failure(collect(s, 'wrong-token')));
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(
        /^GitHub \(http:\/\/127\.0\.0\.1:\d+\) refused the token \(401: Bad credentials\); it needs .*Pull requests: read/,
      );
      expect(e.message).not.toContain('wrong-token');
    });

    it('is an access error for a repository the token cannot see (404)', async () => {
      const e = await withHost(fixture.host('github'), (s) =>
        failure(collect(s, 'test-token-1', silentLogger, 'org/other')),
      );
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/answered 404 .*org\/other/);
    });

    it('is a usage error when GITHUB_TOKEN is not set', async () => {
      const e = await failure(
        collectHostReviews(
          git,
          { kind: 'github', apiUrl: 'http://127.0.0.1:9', repo: 'org/policies' },
          { env: {}, log: silentLogger },
        ),
      );
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain('GITHUB_TOKEN');
    });
  });

  describe('when the host answers with rate limits', () => {
    it('waits out a primary and a secondary limit, says so, and returns the complete result', async () => {
      const plain = await withHost(fixture.host('github'), (s) => collect(s));
      const events: string[] = [];
      const log: Logger = {
        ...silentLogger,
        warn: (e, f) => events.push(`${e} ${String(f?.limit)} ${String(f?.retrying)}`),
      };
      const faults = new Map([
        [2, primaryLimit()],
        [5, secondaryLimit(1)],
      ]);
      const limited = await withHost(fixture.host('github', { faults }), (s) =>
        collect(s, 'test-token-1', log),
      );
      expect(events).toEqual(['githost.rate-limit primary true', 'githost.rate-limit secondary true']);
      expect(limited.commits).toEqual(plain.commits);
      expect(limited.reviewHost?.requests).toBe((plain.reviewHost?.requests ?? 0) + 2);
    });

    it('fails (exit 3) rather than return part of the changes when the wait would be too long', async () => {
      const faults = new Map([[3, secondaryLimit(120)]]);
      const e = await withHost(fixture.host('github', { faults }), (s) =>
        failure(collect(s, 'test-token-1', silentLogger, 'org/policies', 60)),
      );
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/rate limit still exhausted .*no partial result/);
    });
  });
});
