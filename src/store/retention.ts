// Retention of bundles in a cluster's output folder (`--keep N`, `--keep-days D`). Every bundle's manifest
// names its predecessor's manifest digest, so the newest bundle's hash chain needs every earlier bundle:
// by default retention removes only bundles that chain does not need and says which it held back. With
// keepChained false (`--keep-unchained`) it cuts the chain at its old end and records the cut, with the
// digests of what it removed, in chain-anchor.json, so `verify --chain` can still check what is kept.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors.js';
import type { Logger } from '../model/log.js';
import { readRegularFile } from './read-regular-file.js';
import { writeFileAtomically } from './write-file-atomically.js';

export const CHAIN_ANCHOR_FILE = 'chain-anchor.json';
const DAY_MS = 86_400_000;
/** "2026-01-15T10-00-00Z", "2026-01-15T10-00-00.123Z", "2026-01-15T10-00-00Z-2" (bundle-writer's names). */
const BUNDLE_NAME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})(?:\.(\d{1,3}))?Z(?:-(\d+))?$/;

export interface PruneOptions {
  /** Keep the newest N bundles (N >= 1). */
  readonly keep?: number;
  /** Keep bundles made within the last D days. A bundle either rule keeps is kept. */
  readonly keepDays?: number;
  readonly now: Date;
  /** Never remove a bundle the newest bundle's hash chain needs (default true). */
  readonly keepChained?: boolean;
  readonly log: Logger;
}

export interface PruneResult {
  /** Folder names removed, oldest first. */
  readonly removed: string[];
  /** Folder names kept, oldest first. */
  readonly kept: string[];
  /** Kept only because the hash chain needs them (a subset of kept). */
  readonly heldForChain: string[];
}

/** A link of the chain: a bundle and the manifest digest it is known by. */
export interface ChainLink {
  readonly bundle?: string;
  readonly bundleId: string;
  readonly manifestSha256: string;
}

/** chain-anchor.json: where the kept chain starts, and a record of every bundle retention removed. */
export interface ChainAnchor {
  readonly schemaVersion: 1;
  readonly note: string;
  /** The oldest kept bundle of the chain and the (removed) predecessor its signed manifest names. */
  readonly anchor: (ChainLink & { readonly bundle: string; readonly previous: ChainLink }) | null;
  readonly cuts: readonly {
    readonly at: string;
    readonly reason: string;
    readonly removed: readonly ChainLink[];
  }[];
}

interface Bundle {
  readonly name: string;
  readonly time: number;
  readonly suffix: number;
  readonly sha256?: string;
  readonly bundleId?: string;
  readonly previous?: { bundleId: string; manifestSha256: string } | null;
  /** The folder name is not the signed time: kept whatever the rules say (verify reports it). */
  readonly held?: boolean;
}

/** Time of a bundle folder from its name, or undefined when the name is not a bundle's. */
export function bundleTime(name: string): { time: number; suffix: number } | undefined {
  const m = BUNDLE_NAME.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms, suffix] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const time = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0, ms ?? 0);
  return Number.isNaN(time) ? undefined : { time, suffix: suffix ?? 0 };
}

async function readBundle(clusterDir: string, name: string, log: Logger): Promise<Bundle | undefined> {
  const t = bundleTime(name);
  if (!t) return undefined;
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path.join(clusterDir, name, 'manifest.json'));
  } catch {
    return undefined; // not a finished bundle: never ours to judge or remove
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const m = JSON.parse(bytes.toString('utf8')) as {
      bundleId?: unknown;
      previous?: unknown;
      createdAt?: unknown;
    };
    const p = m.previous as { bundleId?: unknown; manifestSha256?: unknown } | null | undefined;
    const previous =
      p && typeof p.manifestSha256 === 'string'
        ? { bundleId: String(p.bundleId ?? ''), manifestSha256: p.manifestSha256 }
        : p === null
          ? null
          : undefined;
    // Age comes from the signed createdAt; a folder whose name disagrees with it is never judged or removed.
    const signed = typeof m.createdAt === 'string' ? Date.parse(m.createdAt) : NaN;
    const fits = !Number.isNaN(signed) && Math.floor(signed / 1000) === Math.floor(t.time / 1000);
    if (!fits) log.warn('retention.time-mismatch', { bundle: name, createdAt: String(m.createdAt) });
    const bundleId = typeof m.bundleId === 'string' ? m.bundleId : name;
    return {
      name,
      ...t,
      time: fits ? signed : t.time,
      sha256,
      bundleId,
      previous,
      ...(fits ? {} : { held: true }),
    };
  } catch {
    log.warn('retention.unreadable-manifest', { bundle: name });
    return { name, ...t, sha256, held: true };
  }
}

/** Reads chain-anchor.json of a cluster folder (null when retention never cut the chain there). */
export async function readChainAnchor(clusterDir: string): Promise<ChainAnchor | null> {
  const file = path.join(clusterDir, CHAIN_ANCHOR_FILE);
  let text: string;
  try {
    text = (await readRegularFile(file)).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('STORE', `${file}: cannot read (${(e as Error).message})`, { cause: e });
  }
  try {
    return JSON.parse(text) as ChainAnchor;
  } catch (e) {
    throw new AppError('INPUT', `${file}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/** True when the chain may end at `bundle` because retention recorded removing the predecessor it names. */
export function isRecordedCut(anchor: ChainAnchor | null, bundle: string, previousSha256: string): boolean {
  return anchor?.anchor?.bundle === bundle && anchor.anchor.previous.manifestSha256 === previousSha256;
}

/** The bundles the newest bundle's chain reaches, and whether it ends at its start or at a recorded cut. */
function walkChain(
  bundles: readonly Bundle[],
  anchor: ChainAnchor | null,
): { needed: Set<string>; intact: boolean } {
  const bySha = new Map(bundles.filter((b) => b.sha256).map((b) => [b.sha256 as string, b]));
  const needed = new Set<string>();
  let at = bundles[bundles.length - 1];
  while (at && !needed.has(at.name)) {
    needed.add(at.name);
    if (at.previous === null) return { needed, intact: true };
    if (at.previous === undefined) return { needed, intact: false };
    const next = bySha.get(at.previous.manifestSha256);
    if (!next) return { needed, intact: isRecordedCut(anchor, at.name, at.previous.manifestSha256) };
    at = next;
  }
  return { needed, intact: at === undefined };
}

function validate(opts: PruneOptions): void {
  if (opts.keep !== undefined && (!Number.isInteger(opts.keep) || opts.keep < 1))
    throw new AppError('USAGE', `--keep must be a whole number of at least 1 (got ${opts.keep})`);
  if (opts.keepDays !== undefined && !(Number.isFinite(opts.keepDays) && opts.keepDays > 0))
    throw new AppError('USAGE', `--keep-days must be a positive number (got ${opts.keepDays})`);
}

/** Applies --keep/--keep-days to one cluster folder (<out>/<cluster>); see the file comment for the rules. */
export async function pruneBundles(clusterDir: string, opts: PruneOptions): Promise<PruneResult> {
  validate(opts);
  const entries = await readdir(clusterDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw new AppError('STORE', `${clusterDir}: cannot list bundles (${e.message})`, { cause: e });
  });
  const found = await Promise.all(entries.map((n) => readBundle(clusterDir, n, opts.log)));
  const bundles = found
    .filter((b): b is Bundle => b !== undefined)
    .sort((a, b) => a.time - b.time || a.suffix - b.suffix || (a.name < b.name ? -1 : 1));
  const all = bundles.map((b) => b.name);
  if (bundles.length === 0 || (opts.keep === undefined && opts.keepDays === undefined))
    return { removed: [], kept: all, heldForChain: [] };

  const cutoff = opts.keepDays !== undefined ? opts.now.getTime() - opts.keepDays * DAY_MS : Infinity;
  const newestN = new Set(opts.keep !== undefined ? all.slice(-opts.keep) : []);
  const expired = bundles.filter(
    (b, i) => i < bundles.length - 1 && !newestN.has(b.name) && b.time < cutoff && !b.held,
  );
  const keepChained = opts.keepChained ?? true;
  const anchor = await readChainAnchor(clusterDir);
  const chain = walkChain(bundles, anchor);
  let remove = expired;
  let held: Bundle[] = [];
  if (keepChained) {
    if (!chain.intact) {
      opts.log.warn('retention.chain-broken', {
        clusterDir,
        detail:
          'the newest bundle’s hash chain does not reach its start; nothing removed (run verify --chain)',
      });
      return { removed: [], kept: all, heldForChain: [] };
    }
    held = expired.filter((b) => chain.needed.has(b.name));
    remove = expired.filter((b) => !chain.needed.has(b.name));
    if (held.length > 0)
      opts.log.warn('retention.held-for-chain', {
        bundles: held.length,
        detail:
          'past retention but the newest bundle’s hash chain needs them; --keep-unchained cuts the chain and records the cut',
      });
  }
  if (remove.length > 0) await removeBundles(clusterDir, bundles, remove, chain.needed, anchor, opts);
  const gone = new Set(remove.map((b) => b.name));
  return {
    removed: remove.map((b) => b.name),
    kept: all.filter((n) => !gone.has(n)),
    heldForChain: held.map((b) => b.name),
  };
}

async function removeBundles(
  clusterDir: string,
  bundles: readonly Bundle[],
  remove: readonly Bundle[],
  chain: ReadonlySet<string>,
  old: ChainAnchor | null,
  opts: PruneOptions,
): Promise<void> {
  const gone = new Set(remove.map((b) => b.name));
  const bySha = new Map(bundles.filter((b) => b.sha256).map((b) => [b.sha256 as string, b]));
  // The new anchor: the oldest kept bundle whose signed manifest names a predecessor being removed.
  const cutAt = bundles.find(
    (b) =>
      chain.has(b.name) &&
      !gone.has(b.name) &&
      b.previous &&
      gone.has(bySha.get(b.previous.manifestSha256)?.name ?? ''),
  );
  const link = (b: Bundle): ChainLink => ({
    bundle: b.name,
    bundleId: b.bundleId ?? b.name,
    manifestSha256: b.sha256 ?? '',
  });
  const anchor: ChainAnchor = {
    schemaVersion: 1,
    note: 'Written by netpol-evidence retention. The bundles listed under cuts were removed from this folder; the hash chain of the bundles kept here starts at anchor, whose signed manifest names the removed predecessor. Copies of removed bundles are in the evidence locker, if one is configured.',
    anchor:
      cutAt?.previous && cutAt.sha256
        ? {
            ...link(cutAt),
            bundle: cutAt.name,
            previous: { ...cutAt.previous, bundle: bySha.get(cutAt.previous.manifestSha256)?.name },
          }
        : (old?.anchor ?? null),
    cuts: [
      ...(old?.cuts ?? []),
      {
        at: opts.now.toISOString(),
        reason: [
          opts.keep !== undefined ? `keep ${opts.keep}` : '',
          opts.keepDays !== undefined ? `keep-days ${opts.keepDays}` : '',
        ]
          .filter(Boolean)
          .join(', '),
        removed: remove.map(link),
      },
    ],
  };
  const file = path.join(clusterDir, CHAIN_ANCHOR_FILE);
  try {
    await writeFileAtomically(file, `${JSON.stringify(anchor, null, 2)}\n`);
    for (const b of remove) {
      const doomed = path.join(clusterDir, `.pruning-${b.name}-${randomBytes(6).toString('hex')}`);
      await rename(path.join(clusterDir, b.name), doomed);
      await rm(doomed, { recursive: true, force: true });
      opts.log.info('retention.removed', { bundle: b.name, manifestSha256: b.sha256 });
    }
  } catch (e) {
    throw new AppError('STORE', `retention in ${clusterDir} failed: ${(e as Error).message}`, { cause: e });
  }
}
