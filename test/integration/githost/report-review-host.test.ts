// The report command with a Git host: flags, token from the environment only, evidence and exit codes.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { startGitHub } from '../../helpers/githost/github-server.js';
import type { LoopbackServer } from '../../helpers/githost/http.js';
import { buildReviewRepo } from '../../helpers/githost/review-repo.js';
import { repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const fixture = buildReviewRepo();
const TOKEN = 'ghp_looplooploop0123456789';
let server: LoopbackServer;

beforeAll(async () => {
  server = await startGitHub({ ...fixture.host('github'), token: TOKEN });
});
afterAll(async () => {
  await server.close();
  fixture.repo.cleanup();
});

function args(out: string, extra: string[]): string[] {
  return [
    'report',
    '--manifests',
    demo,
    '--unsigned',
    '--formats',
    'json,csv,html',
    '--out',
    out,
    '--git-repo',
    fixture.repo.dir,
    '--git-path',
    'clusters/**',
    '--since',
    '2026-01-01',
    '--until',
    '2026-01-31',
    ...extra,
  ];
}

interface Ev {
  changes: { sha: string; review: { source: string; request?: { reference: string } } }[];
  findings: { rule: string }[];
  checksRun: string[];
  git: { reviewHost?: { kind: string; protection: { requiredApprovals?: number } } };
}

describe('report --review-host github', () => {
  describe('when GITHUB_TOKEN is set and the host answers', () => {
    it('writes review evidence verified with the host, and the token nowhere in the bundle', async () => {
      const out = await mkdtemp(path.join(os.tmpdir(), 'npe-review-'));
      const r = await runBuiltCli(
        args(out, [
          '--review-host',
          'github',
          '--review-host-url',
          server.url,
          '--review-repo',
          'org/policies',
        ]),
        { env: { GITHUB_TOKEN: TOKEN } },
      );
      expect(r.stderr).not.toContain(TOKEN);
      expect(r.code).toBe(0);
      const dir = r.stdout.trim().split('\n').pop() as string;
      const ev = JSON.parse(await readFile(path.join(dir, 'evidence.json'), 'utf8')) as Ev;
      expect(new Set(ev.changes.map((c) => c.review.source))).toEqual(new Set(['api']));
      expect(ev.changes.find((c) => c.sha === fixture.sha.feature)?.review.request?.reference).toBe('#1');
      expect(ev.checksRun).toContain('change-without-approval');
      expect(ev.findings.filter((f) => f.rule === 'change-without-approval')).toHaveLength(2);
      expect(ev.git.reviewHost).toMatchObject({ kind: 'github', protection: { requiredApprovals: 1 } });
      for (const f of await readdir(dir))
        expect(await readFile(path.join(dir, f), 'utf8')).not.toContain(TOKEN);
    });
  });

  describe('when the token is refused', () => {
    it('exits 3 naming GitHub and the permission, and leaves no bundle', async () => {
      const out = await mkdtemp(path.join(os.tmpdir(), 'npe-review-'));
      const r = await runBuiltCli(
        args(out, [
          '--review-host',
          'github',
          '--review-host-url',
          server.url,
          '--review-repo',
          'org/policies',
        ]),
        { env: { GITHUB_TOKEN: 'ghp_wrongwrongwrong' } },
      );
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        /GitHub \(http:\/\/127\.0\.0\.1:\d+\) refused the token .*Pull requests: read/,
      );
      expect(r.stderr).not.toContain('ghp_wrongwrongwrong');
      expect(await readdir(out)).toEqual([]);
    });
  });

  describe('when a review flag is given without --git-repo', () => {
    it('exits 2', async () => {
      const r = await runBuiltCli(['report', '--manifests', demo, '--unsigned', '--review-host', 'github']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('need --git-repo');
    });
  });

  describe('when the repository is local and only --review-host is given', () => {
    it('exits 2 asking for --review-repo', async () => {
      const out = await mkdtemp(path.join(os.tmpdir(), 'npe-review-'));
      const r = await runBuiltCli(args(out, ['--review-host', 'gitlab']), { env: { GITLAB_TOKEN: 'x' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--review-repo OWNER/NAME is needed when --git-repo is a local path');
    });
  });
});
