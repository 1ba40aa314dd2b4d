import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../src/model/errors.js';
import type { Logger } from '../../../src/model/log.js';
import {
  bundleTime,
  CHAIN_ANCHOR_FILE,
  pruneBundles,
  readChainAnchor,
} from '../../../src/store/retention.js';

const now = new Date('2026-01-20T12:00:00Z');
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** The signed createdAt a real bundle of this folder name carries. */
const createdAt = (name: string): string => new Date(bundleTime(name)?.time ?? 0).toISOString();

interface Made {
  readonly dir: string;
  /** manifest.json digest of each bundle, by folder name. */
  readonly digests: Record<string, string>;
}

/**
 * A cluster folder of real bundles. Each entry is a folder name and what its manifest's `previous` names:
 * 'prev' (the bundle before it, as the signer writes it), null (a chain start) or a made-up digest.
 */
async function clusterFolder(bundles: readonly (readonly [string, 'prev' | null | string])[]): Promise<Made> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'npe-retention-')), 'prod-eu');
  const digests: Record<string, string> = {};
  let last: { id: string; sha: string } | undefined;
  for (const [name, link] of bundles) {
    await mkdir(path.join(dir, name), { recursive: true });
    const previous =
      link === 'prev'
        ? last && { bundleId: last.id, manifestSha256: last.sha }
        : link === null
          ? null
          : { bundleId: 'gone', manifestSha256: link };
    const bytes = Buffer.from(
      `${JSON.stringify({ bundleId: `id-${name}`, createdAt: createdAt(name), previous: previous ?? null }, null, 2)}\n`,
    );
    await writeFile(path.join(dir, name, 'manifest.json'), bytes);
    await writeFile(path.join(dir, name, 'report.pdf'), `pdf of ${name}`);
    digests[name] = sha(bytes);
    last = { id: `id-${name}`, sha: sha(bytes) };
  }
  return { dir, digests };
}

const days = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `2026-01-${String(11 + i).padStart(2, '0')}T10-00-00Z`);
const chainOf = (names: readonly string[]) => names.map((n, i) => [n, i === 0 ? null : 'prev'] as const);

function recorder(): Logger & { events: string[] } {
  const events: string[] = [];
  const push = (e: string): void => void events.push(e);
  return { events, info: push, warn: push, error: push };
}

async function folders(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('pruneBundles', () => {
  describe('when neither --keep nor --keep-days is given', () => {
    it('removes nothing', async () => {
      const { dir } = await clusterFolder(chainOf(days(3)));
      const r = await pruneBundles(dir, { now, log: recorder() });
      expect(r.removed).toEqual([]);
      expect(await folders(dir)).toEqual(days(3));
    });
  });

  describe('when bundles past --keep are links of the newest bundle’s hash chain', () => {
    it('keeps them, says so, and writes no anchor', async () => {
      const { dir } = await clusterFolder(chainOf(days(5)));
      const log = recorder();
      const r = await pruneBundles(dir, { keep: 2, now, log });
      expect(r.removed).toEqual([]);
      expect(r.heldForChain).toEqual(days(5).slice(0, 3));
      expect(log.events).toContain('retention.held-for-chain');
      expect(await folders(dir)).toEqual(days(5));
    });
  });

  describe('when --keep-unchained is given', () => {
    it('removes the oldest bundles and records the cut and every removed digest in chain-anchor.json', async () => {
      const names = days(5);
      const { dir, digests } = await clusterFolder(chainOf(names));
      const r = await pruneBundles(dir, { keep: 2, keepChained: false, now, log: recorder() });
      expect(r.removed).toEqual(names.slice(0, 3));
      expect(r.kept).toEqual(names.slice(3));
      expect(await folders(dir)).toEqual([...names.slice(3), CHAIN_ANCHOR_FILE]);
      const anchor = await readChainAnchor(dir);
      const oldestKept = JSON.parse(
        await readFile(path.join(dir, names[3] as string, 'manifest.json'), 'utf8'),
      );
      expect(anchor?.anchor?.bundle).toBe(names[3]);
      expect(anchor?.anchor?.manifestSha256).toBe(digests[names[3] as string]);
      expect(anchor?.anchor?.previous.manifestSha256).toBe(oldestKept.previous.manifestSha256);
      expect(anchor?.anchor?.previous.manifestSha256).toBe(digests[names[2] as string]);
      expect(anchor?.cuts[0]?.removed.map((l) => [l.bundle, l.manifestSha256])).toEqual(
        names.slice(0, 3).map((n) => [n, digests[n]]),
      );
      expect(anchor?.cuts[0]?.at).toBe(now.toISOString());
    });

    it('keeps the older cuts when it cuts again, and a later default run treats the recorded cut as the chain start', async () => {
      const names = days(6);
      const { dir } = await clusterFolder(chainOf(names));
      await pruneBundles(dir, { keep: 4, keepChained: false, now, log: recorder() });
      await pruneBundles(dir, { keep: 2, keepChained: false, now, log: recorder() });
      const anchor = await readChainAnchor(dir);
      expect(anchor?.cuts.map((c) => c.removed.length)).toEqual([2, 2]);
      expect(anchor?.anchor?.bundle).toBe(names[4]);
      const log = recorder();
      const r = await pruneBundles(dir, { keep: 1, now, log });
      expect(log.events).not.toContain('retention.chain-broken');
      expect(r.heldForChain).toEqual([names[4]]);
    });
  });

  describe('when an old chain was left behind and a new chain started', () => {
    it('removes the bundles the newest chain does not need and holds the ones it needs', async () => {
      const [a, b, c, d] = days(4) as [string, string, string, string];
      const { dir } = await clusterFolder([
        [a, null],
        [b, 'prev'],
        [c, null],
        [d, 'prev'],
      ]);
      const r = await pruneBundles(dir, { keep: 1, now, log: recorder() });
      expect(r.removed).toEqual([a, b]);
      expect(r.heldForChain).toEqual([c]);
      expect(await folders(dir)).toEqual([c, d, CHAIN_ANCHOR_FILE]);
      expect((await readChainAnchor(dir))?.anchor).toBeNull();
    });
  });

  describe('when the newest bundle links to a manifest that is not there and no cut was recorded', () => {
    it('removes nothing and warns that the chain is broken', async () => {
      const [a, b, c] = days(3) as [string, string, string];
      const { dir } = await clusterFolder([
        [a, null],
        [b, 'prev'],
        [c, 'f'.repeat(64)],
      ]);
      const log = recorder();
      const r = await pruneBundles(dir, { keep: 1, now, log });
      expect(r.removed).toEqual([]);
      expect(log.events).toContain('retention.chain-broken');
    });
  });

  describe('when --keep-days and --keep are both given', () => {
    it.each([
      {
        keepDays: 3,
        keep: undefined,
        kept: 3,
        reason: 'bundles of the last 3 days (17th 12:00 onwards: 18th, 19th, 20th)',
      },
      { keepDays: 3, keep: 5, kept: 5, reason: 'a bundle either rule keeps is kept' },
      { keepDays: 0.5, keep: undefined, kept: 1, reason: 'the newest bundle is always kept' },
    ])('keeps $kept: $reason', async ({ keepDays, keep, kept }) => {
      const names = days(10);
      const { dir } = await clusterFolder(chainOf(names));
      const r = await pruneBundles(dir, { keep, keepDays, keepChained: false, now, log: recorder() });
      expect(r.kept).toEqual(names.slice(-kept));
    });
  });

  describe('when a bundle folder was renamed to an older day than its signed createdAt', () => {
    it('judges age by the signed time: the renamed folder is kept and named in a warning', async () => {
      const names = days(10);
      const { dir } = await clusterFolder(chainOf(names));
      // the newest-but-one bundle (signed on the 19th) renamed to the 1st, far past --keep-days
      const renamed = '2026-01-01T10-00-00Z';
      await rename(path.join(dir, names[8] as string), path.join(dir, renamed));
      const log = recorder();
      const r = await pruneBundles(dir, { keepDays: 3, keepChained: false, now, log });
      expect(r.kept).toEqual([renamed, ...names.slice(-3).filter((n) => n !== names[8])]);
      expect(r.removed).not.toContain(renamed);
      expect(log.events).toContain('retention.time-mismatch');
    });
  });

  describe('when the folder holds unfinished and foreign entries and same-second bundles', () => {
    it('orders "-2" after its twin and "-10" after "-2", and leaves the other entries alone', async () => {
      const names = ['2026-01-19T10-00-00Z', '2026-01-19T10-00-00Z-2', '2026-01-19T10-00-00Z-10'];
      const { dir } = await clusterFolder(chainOf(names));
      await mkdir(path.join(dir, '.partial-abc'));
      await mkdir(path.join(dir, 'notes'));
      await mkdir(path.join(dir, '2026-01-01T10-00-00Z')); // no manifest: not a finished bundle
      const r = await pruneBundles(dir, { keep: 1, keepChained: false, now, log: recorder() });
      expect(r.removed).toEqual(names.slice(0, 2));
      expect(await folders(dir)).toEqual(
        ['.partial-abc', '2026-01-01T10-00-00Z', names[2] as string, CHAIN_ANCHOR_FILE, 'notes'].sort(),
      );
    });
  });

  describe('when the limits are not usable', () => {
    it.each([
      { keep: 0, keepDays: undefined, message: /--keep must be/ },
      { keep: 1.5, keepDays: undefined, message: /--keep must be/ },
      { keep: undefined, keepDays: -1, message: /--keep-days must be/ },
    ])('rejects keep=$keep keepDays=$keepDays as a usage error', async ({ keep, keepDays, message }) => {
      const { dir } = await clusterFolder(chainOf(days(2)));
      const err = await pruneBundles(dir, { keep, keepDays, now, log: recorder() }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('USAGE');
      expect((err as AppError).message).toMatch(message);
    });
  });
});
