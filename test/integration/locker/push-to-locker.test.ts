import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../src/model/errors.js';
import { silentLogger } from '../../../src/model/log.js';
import { pushToLocker } from '../../../src/store/locker/index.js';

const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A bare repository that, like a protected branch, refuses any push that is not a fast-forward. */
async function bareLocker(): Promise<string> {
  const dir = path.join(await tempDir('npe-locker-'), 'evidence.git');
  git(os.tmpdir(), 'init', '-q', '--bare', dir);
  git(dir, 'config', 'receive.denyNonFastForwards', 'true');
  git(dir, 'config', 'receive.denyDeletes', 'true');
  return dir;
}

/** A finished bundle folder <out>/<cluster>/<name> with a manifest and a report. */
async function bundle(name: string, content = name): Promise<string> {
  const dir = path.join(await tempDir('npe-out-'), 'prod-eu', name);
  await mkdir(path.join(dir, 'csv'), { recursive: true });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ bundleId: `id-${content}` }));
  await writeFile(path.join(dir, 'csv', 'findings.csv'), `finding,${content}\n`);
  return dir;
}

/**
 * A pre-receive hook that moves the pushed branch to a new commit of its own before Git updates it, as a
 * run pushing at that very moment would: the push then fails with "failed to update ref". It does so on
 * the first `times` pushes only (0: every push).
 */
async function racingHook(locker: string, times: number): Promise<void> {
  const hook = path.join(locker, 'hooks', 'pre-receive');
  await writeFile(
    hook,
    [
      '#!/bin/sh',
      'count=$(cat "$GIT_DIR/races" 2>/dev/null || echo 0)',
      `if [ ${times} -gt 0 ] && [ "$count" -ge ${times} ]; then exit 0; fi`,
      'echo $((count + 1)) > "$GIT_DIR/races"',
      '# act from outside the push, as another client would (Git forbids ref updates inside its quarantine)',
      'unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES',
      'while read old new ref; do',
      '  tree=$(git mktree </dev/null)',
      '  if [ "$old" = 0000000000000000000000000000000000000000 ]; then parent=""; else parent="-p $old"; fi',
      '  c=$(GIT_AUTHOR_NAME=racer GIT_AUTHOR_EMAIL=r@x GIT_COMMITTER_NAME=racer GIT_COMMITTER_EMAIL=r@x git commit-tree $tree $parent -m racer)',
      '  git update-ref "$ref" "$c"',
      'done',
      '',
    ].join('\n'),
  );
  await chmod(hook, 0o755);
}

const base = { clusterName: 'prod-eu', log: silentLogger, env: gitEnv, retryDelayMs: 20 };
const push = (locker: string, dir: string, digest = 'a'.repeat(64), maxAttempts = 8) =>
  pushToLocker({
    ...base,
    locker,
    bundleDir: dir,
    manifestSha256: digest,
    bundleId: path.basename(dir),
    maxAttempts,
  });

function treeOf(locker: string, branch: string): string[] {
  return git(locker, 'ls-tree', '-r', '--name-only', branch).split('\n').filter(Boolean).sort();
}

describe('pushToLocker', () => {
  describe('when the locker is an empty bare repository', () => {
    it('creates the cluster branch with one commit that holds the bundle and names its manifest digest', async () => {
      const locker = await bareLocker();
      const dir = await bundle('2026-01-15T10-00-00Z');
      const digest = 'b'.repeat(64);
      const r = await push(locker, dir, digest);
      expect(r.branch).toBe('evidence/prod-eu');
      expect(git(locker, 'rev-parse', 'refs/heads/evidence/prod-eu')).toBe(r.commit);
      expect(git(locker, 'rev-list', '--count', r.branch)).toBe('1');
      expect(git(locker, 'log', '-1', '--format=%B', r.branch)).toContain(`manifest.json sha256: ${digest}`);
      expect(treeOf(locker, r.branch)).toEqual([
        'prod-eu/2026-01-15T10-00-00Z/csv/findings.csv',
        'prod-eu/2026-01-15T10-00-00Z/manifest.json',
      ]);
    });
  });

  describe('when a later run pushes the next bundle', () => {
    it('adds one commit on top of the previous one and keeps the earlier bundle', async () => {
      const locker = await bareLocker();
      const first = await push(locker, await bundle('2026-01-15T10-00-00Z'));
      const second = await push(locker, await bundle('2026-01-16T10-00-00Z'));
      expect(git(locker, 'rev-parse', `${second.commit}^`)).toBe(first.commit);
      expect(treeOf(locker, second.branch).filter((f) => f.endsWith('manifest.json'))).toEqual([
        'prod-eu/2026-01-15T10-00-00Z/manifest.json',
        'prod-eu/2026-01-16T10-00-00Z/manifest.json',
      ]);
    });
  });

  describe('when three runs of the same cluster push at the same time', () => {
    it('lands every bundle as a fast-forward on one linear history (the locker refuses forced pushes)', async () => {
      const locker = await bareLocker();
      const names = ['2026-01-15T10-00-00Z', '2026-01-15T10-00-00Z-2', '2026-01-15T10-00-00Z-3'];
      const dirs = await Promise.all(names.map((n) => bundle(n)));
      const results = await Promise.all(dirs.map((d) => push(locker, d)));
      const branch = 'evidence/prod-eu';
      expect(git(locker, 'rev-list', '--count', branch)).toBe('3');
      expect(git(locker, 'rev-list', '--min-parents=2', '--count', branch)).toBe('0');
      const history = git(locker, 'rev-list', branch).split('\n');
      expect([...results.map((r) => r.commit)].sort()).toEqual([...history].sort());
      expect(treeOf(locker, branch).filter((f) => f.endsWith('manifest.json'))).toEqual(
        names.map((n) => `prod-eu/${n}/manifest.json`).sort(),
      );
    });
  });

  describe('when another run moves the branch while this run pushes', () => {
    it('fetches the new tip, re-applies its bundle on top of it and pushes again', async () => {
      const locker = await bareLocker();
      await push(locker, await bundle('2026-01-15T10-00-00Z'));
      await racingHook(locker, 1);
      const events: string[] = [];
      const log = { ...silentLogger, warn: (e: string) => void events.push(e) };
      const r = await pushToLocker({
        ...base,
        log,
        locker,
        bundleDir: await bundle('2026-01-16T10-00-00Z'),
        manifestSha256: 'e'.repeat(64),
        bundleId: 'x',
      });
      expect(events).toEqual(['locker.push-rejected']);
      expect(git(locker, 'log', '--format=%s', r.branch).split('\n')).toEqual([
        'Evidence prod-eu/2026-01-16T10-00-00Z',
        'racer',
        'Evidence prod-eu/2026-01-15T10-00-00Z',
      ]);
    });

    it('gives up after maxAttempts with a storage error and never forces the branch', async () => {
      const locker = await bareLocker();
      await racingHook(locker, 0);
      const err = await push(locker, await bundle('2026-01-15T10-00-00Z'), 'f'.repeat(64), 3).catch(
        (e: unknown) => e,
      );
      expect((err as AppError).code).toBe('STORE');
      expect((err as AppError).message).toMatch(/refused the push of evidence\/prod-eu 3 times/);
      const subjects = git(locker, 'log', '--format=%s', 'evidence/prod-eu').split('\n');
      expect(subjects).toEqual(['racer', 'racer', 'racer']);
    });
  });

  describe('when the same bundle is pushed again (a retried run)', () => {
    it('adds no commit and returns the existing tip', async () => {
      const locker = await bareLocker();
      const dir = await bundle('2026-01-15T10-00-00Z');
      const first = await push(locker, dir);
      const again = await push(locker, dir);
      expect(again.commit).toBe(first.commit);
      expect(git(locker, 'rev-list', '--count', first.branch)).toBe('1');
    });
  });

  describe('when the locker already holds a bundle of that name with other content', () => {
    it('refuses with a storage error and leaves the branch as it was', async () => {
      const locker = await bareLocker();
      const first = await push(locker, await bundle('2026-01-15T10-00-00Z', 'one'));
      const err = await push(locker, await bundle('2026-01-15T10-00-00Z', 'two')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('STORE');
      expect((err as AppError).message).toMatch(/never overwritten/);
      expect(git(locker, 'rev-parse', first.branch)).toBe(first.commit);
    });
  });

  describe('when the locker cannot be reached', () => {
    it('fails with a Git access error that names the locker without its credentials', async () => {
      const dir = await bundle('2026-01-15T10-00-00Z');
      const err = await push(
        'https://robot:s3cr3t-token@127.0.0.1:9/evidence.git',
        dir,
        'c'.repeat(64),
        1,
      ).catch((e: unknown) => e);
      expect((err as AppError).code).toBe('GIT_ACCESS');
      expect((err as AppError).message).toContain('https://127.0.0.1:9/evidence.git');
      expect((err as AppError).message).not.toContain('s3cr3t');
    });
  });

  describe('when a work folder is given', () => {
    it('removes its temporary clone afterwards', async () => {
      const locker = await bareLocker();
      const work = await tempDir('npe-work-');
      await pushToLocker({
        ...base,
        locker,
        workDir: work,
        bundleDir: await bundle('2026-01-15T10-00-00Z'),
        manifestSha256: 'd'.repeat(64),
        bundleId: 'x',
      });
      expect(await readdir(work)).toEqual([]);
    });
  });
});
