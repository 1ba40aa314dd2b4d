import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  buildManifest,
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

describe('findPreviousBundle', () => {
  describe('when a cluster folder holds several runs', () => {
    it('returns the newest earlier bundle that has a manifest, with its manifest digest', async () => {
      const first = '{"bundleId":"2026-01-14T10-00-00Z"}\n';
      const dir = await folder({
        '2026-01-13T10-00-00Z/manifest.json': '{"bundleId":"2026-01-13T10-00-00Z"}\n',
        '2026-01-14T10-00-00Z/manifest.json': first,
        '2026-01-14T12-00-00Z/report.pdf': 'a failed run without a manifest',
        '2026-01-15T10-00-00Z/manifest.json': '{"bundleId":"2026-01-15T10-00-00Z"}\n',
        'notes/manifest.json': '{"bundleId":"not a bundle folder"}\n',
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
      const dir = await folder({ '2026-01-15T10-00-00Z/manifest.json': '{"bundleId":"same-second"}\n' });
      expect((await findPreviousBundle(dir, '2026-01-15T10-00-00Z'))?.bundleId).toBe('same-second');
    });

    it('returns null for the first run of a cluster', async () => {
      expect(await findPreviousBundle(path.join(os.tmpdir(), 'npe-no-such-folder'))).toBeNull();
      const dir = await folder({ '2026-01-16T10-00-00Z/manifest.json': '{}' });
      expect(await findPreviousBundle(dir, '2026-01-15T10-00-00Z')).toBeNull();
    });
  });
});
