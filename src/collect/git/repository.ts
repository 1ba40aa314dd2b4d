// Opens the repository to read: a local folder as is, a URL cloned (bare) into a temporary folder.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onRunAbort } from '../../model/abort.js';
import { AppError } from '../../model/errors.js';
import type { Logger } from '../../model/log.js';
import { credentialEnv, credentialHelperConfig, splitUrlCredentials } from '../../model/repo-url.js';
import { isRemote, redactText, redactUrl } from './redact.js';
import { openGit, runGit } from './runner.js';

export interface OpenRepository {
  readonly dir: string;
  /** What reports show: the path, or the URL without credentials. */
  readonly display: string;
  readonly cloned: boolean;
  close(): Promise<void>;
}

/** Clones a URL with the user's own Git/SSH credentials (never passed on the command line), or checks a folder. */
export async function openRepository(repo: string, log: Logger, workDir?: string): Promise<OpenRepository> {
  if (isRemote(repo)) {
    const display = redactUrl(repo);
    const tmp = await mkdtemp(path.join(workDir ?? os.tmpdir(), 'npe-git-'));
    const dir = path.join(tmp, 'repo.git');
    const forget = onRunAbort(() => rm(tmp, { recursive: true, force: true }));
    const close = async (): Promise<void> => {
      await rm(tmp, { recursive: true, force: true });
      forget();
    };
    log.info('git.clone', { repo: display });
    // Credentials in the URL go to Git through a credential helper reading the environment: never in
    // argv (`ps`) nor in the clone's config (remote.origin.url is the URL without them).
    const creds = splitUrlCredentials(repo);
    try {
      await runGit(
        creds ? openGit(tmp, credentialHelperConfig(), credentialEnv(creds)) : openGit(tmp),
        ['clone', '--bare', '--quiet', '--', creds?.url ?? repo, dir],
        `cloning ${display} failed`,
      );
    } catch (e) {
      await close();
      throw e instanceof AppError ? new AppError(e.code, redactText(e.message)) : e;
    }
    return { dir, display, cloned: true, close };
  }
  const dir = path.resolve(repo);
  try {
    await stat(dir);
  } catch {
    throw new AppError('INPUT', `--git-repo ${repo}: no such folder`);
  }
  const git = openGit(dir);
  const top = await runGit(
    git,
    ['rev-parse', '--absolute-git-dir'],
    `--git-repo ${repo} is not a Git repository`,
    'INPUT',
  );
  log.info('git.open', { repo, gitDir: top.trim() });
  return { dir, display: repo, cloned: false, close: () => Promise.resolve() };
}

/** Resolves the ref (default: HEAD, which in a clone is the remote's default branch) to a commit. */
export async function resolveRef(
  dir: string,
  ref: string | undefined,
): Promise<{ ref: string; sha: string }> {
  const git = openGit(dir);
  const wanted = ref ?? 'HEAD';
  if (wanted.startsWith('-')) throw new AppError('INPUT', `--git-ref ${wanted}: not a ref name`);
  const sha = await runGit(
    git,
    ['rev-parse', '--verify', '--end-of-options', `${wanted}^{commit}`],
    `--git-ref ${wanted}: unknown ref (no such branch, tag or commit)`,
    'INPUT',
  );
  if (!/^[0-9a-f]{40,64}$/.test(sha.trim()))
    throw new AppError('INPUT', `--git-ref ${wanted}: unknown ref (no such branch, tag or commit)`);
  if (ref !== undefined) return { ref, sha: sha.trim() };
  const branch = await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '');
  return { ref: branch.trim() || 'HEAD', sha: sha.trim() };
}
