// One run at a time may link, sign and publish a bundle in a cluster folder: two overlapping runs (a manual
// `kubectl create job --from=cronjob/...` bypasses concurrencyPolicy: Forbid) would otherwise both link to
// the same previous bundle and fork the hash chain for good. The lock is a file made with O_CREAT|O_EXCL
// that names its owner (pid, host, time); a lock whose owner is dead, or that is older than a bound, is stale.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onRunAbort } from '../model/abort.js';
import { AppError } from '../model/errors.js';
import type { Logger } from '../model/log.js';

export const LOCK_FILE = '.netpol-evidence.lock';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly createdAt: string;
}

export interface ClusterLockOptions {
  readonly log: Logger;
  /** A lock older than this is stale whoever holds it (default 2 hours: far longer than linking and signing). */
  readonly staleAfterMs?: number;
  /** How long to wait for another run's lock before giving up (default 30 minutes). */
  readonly waitMs?: number;
  /** Poll interval while waiting (default 250 ms). */
  readonly pollMs?: number;
}

export interface ClusterLock {
  readonly file: string;
  release(): Promise<void>;
}

function owner(): LockOwner {
  return { pid: process.pid, host: os.hostname(), createdAt: new Date().toISOString() };
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.createdAt === 'string')
      return o as LockOwner;
  } catch {
    // a lock file cut short by a crash between create and write: judged by its age alone
  }
  return undefined;
}

/** True when the process is known to be gone (only decidable for a lock taken on this host). */
function ownerIsDead(o: LockOwner): boolean {
  if (o.host !== os.hostname()) return false;
  // Our own pid in a lock we do not hold: a restarted container (pid 1 again) left it behind.
  if (o.pid === process.pid) return true;
  try {
    process.kill(o.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Why the lock is stale, or undefined when its owner may still be working. */
export function staleReason(
  o: LockOwner | undefined,
  ageMs: number,
  staleAfterMs: number,
): string | undefined {
  if (ageMs > staleAfterMs) return `older than ${Math.round(staleAfterMs / 1000)} s`;
  if (o && ownerIsDead(o)) return `process ${o.pid} on ${o.host} is gone`;
  if (!o && ageMs > 60_000) return 'unreadable and older than a minute';
  return undefined;
}

/** Creates the lock file (O_CREAT|O_EXCL: fails if anything, a symlink included, is there); its text, or undefined. */
async function tryCreate(file: string): Promise<string | undefined> {
  const text = `${JSON.stringify(owner())}\n`;
  try {
    const fh = await open(file, 'wx', 0o644);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
}

/**
 * Removes a stale lock without ever removing a fresh one: the file is first renamed to a random name
 * (atomic), and put back with link() (which never replaces) if it turns out not to be the stale one read.
 */
async function breakStale(file: string, seen: string): Promise<void> {
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const text = await readFile(aside, 'utf8').catch(() => '');
  if (text !== seen) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function lockAge(file: string): Promise<{ text: string; ageMs: number } | undefined> {
  try {
    const fh = await open(file, 'r');
    try {
      const [text, s] = await Promise.all([fh.readFile('utf8'), fh.stat()]);
      const o = parseOwner(text);
      const created = o ? Date.parse(o.createdAt) : s.mtimeMs;
      return { text, ageMs: Date.now() - (Number.isNaN(created) ? s.mtimeMs : created) };
    } finally {
      await fh.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Takes the cluster folder's lock, waiting for another run to finish and breaking stale locks. */
export async function acquireClusterLock(clusterDir: string, opts: ClusterLockOptions): Promise<ClusterLock> {
  const file = path.join(clusterDir, LOCK_FILE);
  const staleAfterMs = opts.staleAfterMs ?? 2 * 3_600_000;
  const deadline = Date.now() + (opts.waitMs ?? 30 * 60_000);
  let waitingLogged = false;
  let mine: string | undefined;
  try {
    for (;;) {
      mine = await tryCreate(file);
      if (mine !== undefined) break;
      const held = await lockAge(file);
      if (!held) continue;
      const holder = parseOwner(held.text);
      const stale = staleReason(holder, held.ageMs, staleAfterMs);
      if (stale) {
        opts.log.warn('store.stale-lock', { file, reason: stale, ...(holder ?? {}) });
        await breakStale(file, held.text);
        continue;
      }
      if (Date.now() > deadline)
        throw new AppError(
          'STORE',
          `${file}: another run (pid ${holder?.pid ?? '?'} on ${holder?.host ?? '?'}, since ${holder?.createdAt ?? '?'}) still holds the cluster folder's lock; remove the file if that run is gone`,
        );
      if (!waitingLogged) {
        opts.log.info('store.waiting-for-lock', { file, ...(holder ?? {}) });
        waitingLogged = true;
      }
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('STORE', `${file}: cannot take the lock (${(e as Error).message})`, { cause: e });
  }
  let held = true;
  // Removes the lock only if it is still this run's (a run that overran staleAfterMs may have lost it).
  const release = async (): Promise<void> => {
    if (!held) return;
    held = false;
    forget();
    const now = await readFile(file, 'utf8').catch(() => undefined);
    if (now === mine) await unlink(file).catch(() => undefined);
  };
  const forget = onRunAbort(release);
  return { file, release };
}
