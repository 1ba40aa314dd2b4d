import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectGitEvidence } from '../../../src/collect/git/index.js';
import { AppError } from '../../../src/model/errors.js';
import { silentLogger } from '../../../src/model/log.js';
import { netpol, TestRepo } from '../../helpers/git-repo.js';

const period = {
  since: new Date('2026-01-01T00:00:00Z'),
  until: new Date('2026-03-01T00:00:00Z'),
  log: silentLogger,
};

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('collectGitEvidence with bad input', () => {
  const repo = new TestRepo();
  const plain = mkdtempSync(path.join(os.tmpdir(), 'npe-plain-'));
  beforeAll(() => repo.write('clusters/prod/a.yaml', netpol('a', 'a')).commit('add'));
  afterAll(() => {
    repo.cleanup();
    rmSync(plain, { recursive: true, force: true });
  });

  it.each([
    [
      'a folder that does not exist',
      'INPUT',
      /no such folder/,
      () => ({ repo: '/nonexistent/npe-repo', paths: ['**'] }),
    ],
    [
      'a folder that is not a repository',
      'INPUT',
      /is not a Git repository/,
      () => ({ repo: plain, paths: ['**'] }),
    ],
    [
      'an unknown ref',
      'INPUT',
      /--git-ref no-such-branch: unknown ref/,
      () => ({ repo: repo.dir, ref: 'no-such-branch', paths: ['**'] }),
    ],
    [
      'a ref that looks like an option',
      'INPUT',
      /not a ref name/,
      () => ({ repo: repo.dir, ref: '--output=x', paths: ['**'] }),
    ],
    [
      'a glob that matches nothing',
      'INPUT',
      /--git-path clusters\/dev\/\*\*: matches no file/,
      () => ({ repo: repo.dir, paths: ['clusters/prod/**', 'clusters/dev/**'] }),
    ],
    ['no glob at all', 'INPUT', /at least one path glob/, () => ({ repo: repo.dir, paths: [] })],
    [
      'a clone that fails',
      'GIT_ACCESS',
      /cloning file:\/\/\/nonexistent\/npe-remote.git failed/,
      () => ({ repo: 'file:///nonexistent/npe-remote.git', paths: ['**'] }),
    ],
  ])('rejects %s with a %s error saying which', async (_what, code, message, opts) => {
    const e = await failure(collectGitEvidence({ ...period, ...opts() }));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  describe('when a URL with credentials cannot be cloned', () => {
    it('reports an access error without the credentials', async () => {
      const e = await failure(
        collectGitEvidence({
          ...period,
          repo: 'https://deploy:s3cret@127.0.0.1:1/acme/gitops.git',
          paths: ['**'],
        }),
      );
      expect(e.code).toBe('GIT_ACCESS');
      expect(e.exitCode).toBe(3);
      expect(e.message).toContain('https://127.0.0.1:1/acme/gitops.git');
      expect(e.message).not.toContain('s3cret');
    });
  });

  describe('when the URL can be cloned', () => {
    it('reads the clone and records the URL without credentials', async () => {
      const ev = await collectGitEvidence({
        ...period,
        repo: `file://${repo.dir}`,
        paths: ['clusters/prod/**'],
      });
      expect(ev.repo).toBe(`file://${repo.dir}`);
      expect(ev.ref).toBe('main');
      expect(ev.headSha).toBe(repo.head());
      expect(ev.headPolicies.networkPolicies.map((p) => p.name)).toEqual(['a']);
    });
  });
});
