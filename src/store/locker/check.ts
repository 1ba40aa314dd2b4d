// `verify --chain --locker`: the hash chain cannot show that the newest bundles were deleted (the chain of
// what is left is still whole), but the evidence locker can: its branch is append-only and off the PVC. The
// newest bundle of the cluster folder must be the newest on the locker branch, with the same manifest.json,
// and the reverse: a newer bundle on the branch that the folder lacks was deleted (or never written here).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onRunAbort } from '../../model/abort.js';
import { credentialEnv, credentialHelperConfig, splitUrlCredentials } from '../../model/repo-url.js';
import { git, isRemoteUrl, openLockerGit, redactUrls } from './git.js';
import { lockerBranch } from './index.js';

export interface LockerCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Bundle folder names (2026-01-15T10-00-00Z, ...-2): what sorts by time. */
const BUNDLE_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?Z(?:-\d+)?$/;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Compares the newest bundle of `clusterDir` (its folder names, oldest first) with the locker's branch. */
export async function checkLocker(opts: {
  readonly locker: string;
  readonly clusterDir: string;
  readonly localBundles: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}): Promise<LockerCheck[]> {
  const cluster = path.basename(path.resolve(opts.clusterDir));
  const branch = lockerBranch(cluster);
  const shown = redactUrls(opts.locker);
  const name = `locker ${shown} ${branch}`;
  const creds = isRemoteUrl(opts.locker) ? splitUrlCredentials(opts.locker) : undefined;
  const remote = creds?.url ?? (isRemoteUrl(opts.locker) ? opts.locker : path.resolve(opts.locker));
  const work = await mkdtemp(path.join(os.tmpdir(), 'netpol-locker-check-'));
  const forget = onRunAbort(() => rm(work, { recursive: true, force: true }));
  try {
    const g = openLockerGit(
      work,
      { ...opts.env, ...(creds ? credentialEnv(creds) : {}) },
      creds ? credentialHelperConfig() : [],
    );
    await git(g, ['init', '-q'], 'cannot create a work folder to read the evidence locker', 'STORE');
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
    if (!heads.trim())
      return [
        {
          name,
          ok: false,
          detail: `the locker has no branch ${branch}: no bundle of ${cluster} ever reached it`,
        },
      ];
    await git(
      g,
      ['fetch', '-q', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`],
      `cannot fetch ${branch} from the evidence locker ${shown}`,
      'GIT_ACCESS',
    );
    const ref = `refs/remotes/origin/${branch}`;
    const listed = await git(
      g,
      ['ls-tree', '--name-only', `${ref}:${cluster}`],
      `cannot list ${branch}`,
      'GIT_ACCESS',
    );
    const onLocker = listed
      .split('\n')
      .map((l) => l.trim())
      .filter((n) => BUNDLE_NAME.test(n))
      .sort();
    return compare(name, cluster, branch, opts, onLocker, async (bundle) =>
      Buffer.from(await g.binaryCatFile(['blob', `${ref}:${cluster}/${bundle}/manifest.json`])),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
    forget();
  }
}

async function compare(
  name: string,
  cluster: string,
  branch: string,
  opts: { readonly clusterDir: string; readonly localBundles: readonly string[] },
  onLocker: readonly string[],
  lockerManifest: (bundle: string) => Promise<Buffer>,
): Promise<LockerCheck[]> {
  const newestLocal = opts.localBundles[opts.localBundles.length - 1];
  const newestLocker = onLocker[onLocker.length - 1];
  if (!newestLocker) return [{ name, ok: false, detail: `${branch} holds no bundle of ${cluster}` }];
  if (!newestLocal)
    return [
      { name, ok: false, detail: `the folder holds no bundle; the locker's newest is ${newestLocker}` },
    ];
  const later = onLocker.filter((n) => n > newestLocal);
  if (later.length > 0)
    return [
      {
        name,
        ok: false,
        detail: `the locker holds ${later.length} bundle(s) newer than the folder's newest (${newestLocal}): ${later.join(', ')}; they were deleted from the folder (or written to another)`,
      },
    ];
  if (newestLocker !== newestLocal)
    return [
      {
        name,
        ok: false,
        detail: `the folder's newest bundle ${newestLocal} is not on the locker branch (its newest is ${newestLocker}): it never reached the locker`,
      },
    ];
  const local = await readFile(path.join(opts.clusterDir, newestLocal, 'manifest.json')).catch(
    () => undefined,
  );
  const remote = await lockerManifest(newestLocal).catch(() => undefined);
  if (!local || !remote || sha256(local) !== sha256(remote))
    return [
      {
        name,
        ok: false,
        detail: `${newestLocal}/manifest.json differs from the locker's copy (or one is missing)`,
      },
    ];
  return [
    {
      name,
      ok: true,
      detail: `the folder's newest bundle ${newestLocal} is the newest on the locker branch (${onLocker.length} there), manifest sha256 ${sha256(local).slice(0, 16)}…`,
    },
  ];
}
