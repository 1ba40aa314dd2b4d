// Evidence locker: each finished bundle is committed to a Git repository the operator controls (a branch
// per cluster, one commit per run), so the evidence outlives the PVC and its history is append-only.
// Pushes never force: a push refused because another run got there first is rebuilt on the new tip.
import { access, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { onRunAbort } from '../../model/abort.js';
import { AppError } from '../../model/errors.js';
import type { Logger } from '../../model/log.js';
import { safeName } from '../bundle-writer.js';
import { credentialEnv, credentialHelperConfig, splitUrlCredentials } from '../../model/repo-url.js';
import { firstLines, git, isRaceRejection, isRemoteUrl, openLockerGit, redactUrls } from './git.js';

export interface LockerOptions {
  /** Repository URL (https://, ssh://, user@host:path) or a local path. */
  readonly locker: string;
  /** The finished bundle folder (<out>/<cluster>/<UTC time>). */
  readonly bundleDir: string;
  readonly clusterName: string;
  /** SHA-256 of the bundle's manifest.json, named in the commit message. */
  readonly manifestSha256: string;
  readonly bundleId: string;
  readonly log: Logger;
  /** Push attempts before giving up (default 5). */
  readonly maxAttempts?: number;
  /** Where the temporary clone goes (default the OS temp folder). */
  readonly workDir?: string;
  /** First retry delay in ms, doubled each attempt with jitter (default 500). */
  readonly retryDelayMs?: number;
  /** Environment Git runs with (credentials come only from here and Git config; default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface LockerResult {
  readonly commit: string;
  readonly branch: string;
}

const FALLBACK_IDENTITY = ['netpol-evidence', 'netpol-evidence@localhost'] as const;

/** Branch of a cluster's evidence: `evidence/<cluster>` (the same folder-safe name as the output folder). */
export function lockerBranch(clusterName: string): string {
  return `evidence/${safeName(clusterName)}`;
}

/** Commits the bundle to `<cluster>/<bundle folder>/` on the cluster's branch and pushes it (never forced). */
export async function pushToLocker(opts: LockerOptions): Promise<LockerResult> {
  const branch = lockerBranch(opts.clusterName);
  const folder = `${safeName(opts.clusterName)}/${path.basename(path.resolve(opts.bundleDir))}`;
  // Credentials in the URL reach Git only through a credential helper reading the environment: never argv
  // (`ps`) nor the work clone's config (its remote is the URL without them).
  const creds = isRemoteUrl(opts.locker) ? splitUrlCredentials(opts.locker) : undefined;
  const remote = creds?.url ?? (isRemoteUrl(opts.locker) ? opts.locker : path.resolve(opts.locker));
  const env = { ...(opts.env ?? process.env), ...(creds ? credentialEnv(creds) : {}) };
  const gitConfig = creds ? credentialHelperConfig() : [];
  const shown = redactUrls(opts.locker);
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  await access(path.join(opts.bundleDir, 'manifest.json')).catch((e: unknown) => {
    throw new AppError('STORE', `${opts.bundleDir}: not a finished bundle (no manifest.json)`, { cause: e });
  });
  const base = opts.workDir ?? os.tmpdir();
  await mkdir(base, { recursive: true });
  const work = await mkdtemp(path.join(base, 'netpol-locker-'));
  const forget = onRunAbort(() => rm(work, { recursive: true, force: true }));
  try {
    for (let attempt = 1; ; attempt++) {
      const dir = path.join(work, `attempt-${attempt}`);
      await mkdir(dir);
      const g = openLockerGit(dir, env, gitConfig);
      const prepared = await prepare(g, remote, branch, shown);
      const commit = await commitBundle(g, dir, folder, opts);
      if (commit === undefined) {
        opts.log.info('locker.already-present', { locker: shown, branch, folder });
        return { commit: prepared ?? '', branch };
      }
      try {
        await g.raw(['push', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`]);
        opts.log.info('locker.pushed', { locker: shown, branch, folder, commit, attempt });
        return { commit, branch };
      } catch (e) {
        if (!isRaceRejection(e))
          throw new AppError('GIT_ACCESS', `cannot push to the evidence locker ${shown}: ${firstLines(e)}`, {
            cause: e,
          });
        if (attempt >= maxAttempts)
          throw new AppError(
            'STORE',
            `the evidence locker ${shown} refused the push of ${branch} ${maxAttempts} times (other runs kept moving the branch); the bundle is kept locally`,
            { cause: e },
          );
        const wait = backoff(opts.retryDelayMs ?? 500, attempt);
        opts.log.warn('locker.push-rejected', { locker: shown, branch, attempt, retryInMs: wait });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    forget();
  }
}

function backoff(base: number, attempt: number): number {
  return Math.round(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
}

/** Checks out the branch's tip (shallow) or starts it empty; returns the tip's commit, if any. */
async function prepare(
  g: SimpleGit,
  remote: string,
  branch: string,
  shown: string,
): Promise<string | undefined> {
  await git(g, ['init', '-q'], 'cannot create a work folder for the evidence locker', 'STORE');
  await git(
    g,
    ['remote', 'add', 'origin', remote],
    `cannot use ${shown} as the evidence locker`,
    'GIT_ACCESS',
  );
  const heads = await git(
    g,
    ['ls-remote', '--heads', 'origin', `refs/heads/${branch}`],
    `cannot read the evidence locker ${shown}`,
    'GIT_ACCESS',
  );
  const tip = heads.split(/\s+/)[0];
  if (!tip) {
    await git(g, ['checkout', '-q', '--orphan', branch], `cannot start ${branch}`, 'STORE');
    return undefined;
  }
  await git(
    g,
    ['fetch', '-q', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`],
    `cannot fetch ${branch} from the evidence locker ${shown}`,
    'GIT_ACCESS',
  );
  await git(
    g,
    ['checkout', '-q', '-B', branch, `refs/remotes/origin/${branch}`],
    `cannot check out ${branch}`,
    'STORE',
  );
  return git(g, ['rev-parse', 'HEAD'], 'cannot read the checked-out commit', 'STORE');
}

/** Copies the bundle in and commits it; undefined when exactly this bundle is already there. */
async function commitBundle(
  g: SimpleGit,
  dir: string,
  folder: string,
  opts: LockerOptions,
): Promise<string | undefined> {
  const target = path.join(dir, ...folder.split('/'));
  const existed = await access(target).then(
    () => true,
    () => false,
  );
  await cp(opts.bundleDir, target, { recursive: true, force: true });
  await git(g, ['add', '--all', '--', folder], 'cannot stage the bundle', 'STORE');
  const changed = await git(g, ['status', '--porcelain', '--', folder], 'cannot inspect the bundle', 'STORE');
  if (existed && changed !== '')
    throw new AppError(
      'STORE',
      `the evidence locker already holds ${folder} with different content; evidence is never overwritten`,
    );
  if (changed === '') return undefined;
  const name = await g.raw(['config', '--get', 'user.name']).catch(() => '');
  const email = await g.raw(['config', '--get', 'user.email']).catch(() => '');
  const identity =
    name.trim() && email.trim()
      ? []
      : ['-c', `user.name=${FALLBACK_IDENTITY[0]}`, '-c', `user.email=${FALLBACK_IDENTITY[1]}`];
  const message = [
    `Evidence ${folder}`,
    '',
    `manifest.json sha256: ${opts.manifestSha256}`,
    `bundle id: ${opts.bundleId}`,
    '',
  ].join('\n');
  await git(
    g,
    [...identity, 'commit', '-q', '--no-verify', '-m', message],
    'cannot commit the bundle',
    'STORE',
  );
  return git(g, ['rev-parse', 'HEAD'], 'cannot read the new commit', 'STORE');
}
