// manifest.json: what a bundle holds (path, SHA-256, size of every file) and the link to the previous
// bundle of the same cluster, which makes the runs a hash chain an auditor can walk.
import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors.js';
import { withRegularFile } from '../store/read-regular-file.js';
import type { BundleManifest } from './types.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIGNATURE_FILE = 'manifest.json.p7s';

/** Every regular file under dir, '/'-separated relative paths, sorted by code point. */
export async function listBundleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else out.push(r);
    }
  }
  await walk('');
  return out.filter((p) => p !== MANIFEST_FILE && p !== MANIFEST_SIGNATURE_FILE).sort(byCodePoint);
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Streams a regular file through SHA-256 (reports and snapshots can be large); see withRegularFile. */
export function digestFile(file: string): Promise<{ sha256: string; bytes: number }> {
  return withRegularFile(file, async (fh) => {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of fh.createReadStream({ autoClose: false })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { sha256: hash.digest('hex'), bytes };
  });
}

/** Lists EVERY file of the bundle except the manifest and its signature. */
export async function buildManifest(
  bundleDir: string,
  meta: Omit<BundleManifest, 'files' | 'schemaVersion'>,
): Promise<BundleManifest> {
  let paths: string[];
  try {
    paths = await listBundleFiles(bundleDir);
  } catch (e) {
    throw new AppError('STORE', `${bundleDir}: cannot list the bundle (${(e as Error).message})`, {
      cause: e,
    });
  }
  const files: BundleManifest['files'] = [];
  for (const p of paths) files.push({ path: p, ...(await digestFile(path.join(bundleDir, p))) });
  return { schemaVersion: 1, ...meta, files };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byCodePoint(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Stable bytes: keys sorted, 2-space indent, trailing newline (same manifest, same digest). */
export function serializeManifest(m: BundleManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(sortKeys(m), null, 2)}\n`);
}

/** Bundle folders are named by UTC timestamp (2026-01-15T10-00-00Z), so name order is time order. */
const BUNDLE_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?Z/;

/**
 * Bundle folders of a cluster folder that hold a manifest.json, oldest first. A manifest.json that is not a
 * regular file (a FIFO, a symlink) still marks a bundle, so the readers report it instead of skipping it.
 */
export async function listBundles(clusterDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(clusterDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new AppError('STORE', `${clusterDir}: cannot list bundles (${(e as Error).message})`, { cause: e });
  }
  const found: string[] = [];
  for (const name of entries.filter((n) => BUNDLE_NAME.test(n)).sort(byCodePoint)) {
    const s = await lstat(path.join(clusterDir, name, MANIFEST_FILE)).catch(() => undefined);
    if (s && !s.isDirectory()) found.push(name);
  }
  return found;
}
