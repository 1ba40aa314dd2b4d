// Time and place of a bundle come from its signed manifest: the folder <cluster>/<UTC time>[-N] (period
// bundles <cluster>/periods/<UTC time>[-N]) must be the one its createdAt and source name give, so renaming or
// moving a folder can never move evidence to another day or another cluster.
import path from 'node:path';
import { bundleFolderName, safeName } from '../store/bundle-writer.js';
import type { BundleManifest } from './types.js';

/** The signed time of a manifest, or undefined when createdAt is not an ISO UTC time. */
export function signedTime(m: Partial<BundleManifest>): Date | undefined {
  const t = typeof m.createdAt === 'string' ? Date.parse(m.createdAt) : NaN;
  return Number.isNaN(t) || !/Z$/.test(m.createdAt ?? '') ? undefined : new Date(t);
}

/** True when `name` is the folder name bundle-writer gives a bundle made at `at` (or its "-N" twin). */
export function nameFitsTime(name: string, at: Date): boolean {
  const want = bundleFolderName(at);
  return name === want || new RegExp(`^${want.replace(/\./g, '\\.')}-\\d+$`).test(name);
}

/** Why the folder `dir` is not where the signed manifest says the bundle belongs; undefined when it is. */
export function placeProblem(dir: string, m: Partial<BundleManifest>): string | undefined {
  const full = path.resolve(dir);
  const name = path.basename(full);
  const at = signedTime(m);
  if (!at) return `the signed createdAt (${String(m.createdAt)}) is not a UTC time`;
  if (!nameFitsTime(name, at))
    return `folder ${name} is not the signed time ${at.toISOString()} (expected ${bundleFolderName(at)}): renamed?`;
  const source = typeof m.source?.name === 'string' ? safeName(m.source.name) : undefined;
  if (!source) return 'the signed manifest names no source';
  const parent = path.basename(path.dirname(full));
  if (m.source?.type === 'period') {
    const cluster = path.basename(path.dirname(path.dirname(full)));
    if (parent !== 'periods' || cluster !== source)
      return `a period bundle of ${source} must be in ${source}/periods/, not ${cluster}/${parent}/`;
  } else if (parent !== source) {
    return `the signed source is ${m.source?.name ?? ''}, whose folder is ${source}/, not ${parent}/: moved from another cluster?`;
  }
  return undefined;
}
