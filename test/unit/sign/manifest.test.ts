import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppError } from '../../../src/model/errors.js';
import {
  buildManifest,
  chooseChainLink,
  findPreviousBundle,
  serializeManifest,
  type BundleManifest,
} from '../../../src/sign/index.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-manifest-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const meta = {
  bundleId: '2026-01-15T10-00-00Z',
  createdAt: '2026-01-15T10:00:00.000Z',
  toolVersion: '0.1.0',
  source: { type: 'cluster', name: 'prod' },
  snapshotSha256: sha('snapshot'),
  previous: null,
};

describe('buildManifest', () => {
  describe('when a bundle holds nested files, a manifest and its signature', () => {
    it('lists every other file with its digest and size, sorted, with / separators', async () => {
      const dir = await folder({
        'report.pdf': 'pdf',
        'data/z.json': '{}',
        'data/a b.json': '[]',
        'B.txt': 'upper case sorts first',
        'manifest.json': 'old',
        'manifest.json.p7s': 'sig',
      });
      const m = await buildManifest(dir, meta);
      expect(m.files).toEqual([
        { path: 'B.txt', sha256: sha('upper case sorts first'), bytes: 22 },
        { path: 'data/a b.json', sha256: sha('[]'), bytes: 2 },
        { path: 'data/z.json', sha256: sha('{}'), bytes: 2 },
        { path: 'report.pdf', sha256: sha('pdf'), bytes: 3 },
      ]);
      expect(m.schemaVersion).toBe(1);
    });
  });
});

describe('serializeManifest', () => {
  describe('when the same manifest is built with its keys in another order', () => {
    it('gives the same bytes: sorted keys, 2-space indent, trailing newline', () => {
      const a: BundleManifest = {
        schemaVersion: 1,
        ...meta,
        files: [{ path: 'x', sha256: sha('x'), bytes: 1 }],
      };
      const b = Object.fromEntries(Object.entries(a).reverse()) as unknown as BundleManifest;
      b.files = [{ bytes: 1, sha256: sha('x'), path: 'x' }];
      const text = new TextDecoder().decode(serializeManifest(a));
      expect(serializeManifest(b)).toEqual(serializeManifest(a));
      expect(text.endsWith('}\n')).toBe(true);
      expect(text.split('\n')[1]).toBe('  "bundleId": "2026-01-15T10-00-00Z",');
    });
  });
});

/** A well-formed (unsigned) manifest.json of a bundle with that id. */
const man = (bundleId: string): string =>
  `${JSON.stringify({ schemaVersion: 1, ...meta, bundleId, files: [], previous: null })}\n`;

describe('findPreviousBundle', () => {
  describe('when a cluster folder holds several runs', () => {
    it('returns the newest earlier bundle that has a manifest, with its manifest digest', async () => {
      const first = man('2026-01-14T10-00-00Z');
      const dir = await folder({
        '2026-01-13T10-00-00Z/manifest.json': man('2026-01-13T10-00-00Z'),
        '2026-01-14T10-00-00Z/manifest.json': first,
        '2026-01-14T12-00-00Z/report.pdf': 'a failed run without a manifest',
        '2026-01-15T10-00-00Z/manifest.json': man('2026-01-15T10-00-00Z'),
        'notes/manifest.json': man('not a bundle folder'),
      });
      const prev = await findPreviousBundle(dir, '2026-01-15T09-00-00Z');
      expect(prev).toEqual({
        bundleId: '2026-01-14T10-00-00Z',
        manifestSha256: sha(first),
        dir: path.join(dir, '2026-01-14T10-00-00Z'),
      });
      expect((await findPreviousBundle(dir))?.bundleId).toBe('2026-01-15T10-00-00Z');
    });

    it('counts a bundle of the same second as earlier, since this run will be named with a -2 suffix', async () => {
      const dir = await folder({ '2026-01-15T10-00-00Z/manifest.json': man('same-second') });
      expect((await findPreviousBundle(dir, '2026-01-15T10-00-00Z'))?.bundleId).toBe('same-second');
    });

    it('returns null for the first run of a cluster', async () => {
      expect(await findPreviousBundle(path.join(os.tmpdir(), 'npe-no-such-folder'))).toBeNull();
      const dir = await folder({ '2026-01-16T10-00-00Z/manifest.json': man('later') });
      expect(await findPreviousBundle(dir, '2026-01-15T10-00-00Z')).toBeNull();
    });
  });

  describe('when the newest bundles are damaged (empty, hand-written, bad signature)', () => {
    it('passes over them to the newest well-formed one and names each with its reason', async () => {
      const good = man('2026-01-13T10-00-00Z');
      const dir = await folder({
        '2026-01-13T10-00-00Z/manifest.json': good,
        '2026-01-14T10-00-00Z/manifest.json': '',
        '2026-01-14T11-00-00Z/manifest.json': '{"bundleId":"hand-written"}',
        '2026-01-14T12-00-00Z/manifest.json': man('2026-01-14T12-00-00Z'),
        '2026-01-14T12-00-00Z/manifest.json.p7s': 'not a CMS signature',
      });
      const choice = await chooseChainLink(dir, '2026-01-15T10-00-00Z', { signed: false });
      expect(choice.previous).toEqual({
        bundleId: '2026-01-13T10-00-00Z',
        manifestSha256: sha(good),
        dir: path.join(dir, '2026-01-13T10-00-00Z'),
      });
      expect(choice.skipped.map((s) => [s.bundle, s.reason.split(':')[0]])).toEqual([
        ['2026-01-14T12-00-00Z', 'manifest signature does not verify'],
        ['2026-01-14T11-00-00Z', 'manifest.json not a schemaVersion 1 manifest'],
        ['2026-01-14T10-00-00Z', 'manifest.json not valid JSON (Unexpected end of JSON input)'],
      ]);
      expect(choice.skipped[2]?.manifestSha256).toBe(sha(''));
    });

    it('links a signed run only to a signed bundle', async () => {
      const dir = await folder({ '2026-01-13T10-00-00Z/manifest.json': man('unsigned') });
      const choice = await chooseChainLink(dir, '2026-01-15T10-00-00Z', { signed: true });
      expect(choice.previous).toBeNull();
      expect(choice.skipped[0]?.reason).toBe('unsigned (no manifest.json.p7s)');
    });
  });

  describe('when a bundle newer than this run is already in the folder', () => {
    it('refuses to link out of time order (exit 4) rather than fork the chain', async () => {
      const dir = await folder({ '2026-01-16T10-00-00Z/manifest.json': man('later') });
      const err = await chooseChainLink(dir, '2026-01-15T10-00-00Z', { signed: false }).catch(
        (e: unknown) => e,
      );
      expect((err as AppError).exitCode).toBe(4);
      expect((err as AppError).message).toContain('is newer than this run');
    });
  });
});
