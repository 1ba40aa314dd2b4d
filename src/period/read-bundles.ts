// Reads a cluster's bundle folder for a period: every bundle of the period is verified (manifest
// signature, trust anchor, every file's digest) and only then its evidence.json is parsed and digested.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors.js';
import type { Evidence } from '../model/evidence.js';
import type { Logger } from '../model/log.js';
import { verifyBundle, type BundleManifest, type VerifyCheck } from '../sign/index.js';
import { readRegularFile } from '../store/read-regular-file.js';
import { listBundles } from '../sign/manifest.js';
import { bundleDay } from './days.js';
import { digestEvidence } from './digest.js';
import type { BundleRecord } from './types.js';

export interface ReadBundlesOptions {
  readonly since: Date;
  readonly until: Date;
  /** Trust anchor for the bundle signatures (PEM). */
  readonly ca?: string;
  readonly log: Logger;
  /** Bundles verified at once (I/O overlaps; CPU work is small per bundle). */
  readonly concurrency?: number;
}

export interface ClusterBundles {
  readonly cluster: string;
  readonly dir: string;
  readonly records: readonly BundleRecord[];
  readonly before?: BundleRecord;
}

const NOT_ANCHORED = /no --ca given/;

function linkOf(m: unknown): BundleRecord['previous'] {
  const p = (m as Partial<BundleManifest> | undefined)?.previous;
  if (p === null) return null;
  if (p && typeof p.bundleId === 'string' && typeof p.manifestSha256 === 'string') return p;
  return undefined;
}

async function manifestOf(
  dir: string,
): Promise<{ sha: string; manifest?: Partial<BundleManifest>; problem?: string }> {
  // Only a regular file, within a time bound: a FIFO in its place must not hang the period report.
  const bytes = await readRegularFile(path.join(dir, 'manifest.json')).catch((e: Error) => e);
  if (bytes instanceof Error) return { sha: '', problem: `manifest.json: ${bytes.message}` };
  const sha = createHash('sha256').update(bytes).digest('hex');
  try {
    return { sha, manifest: JSON.parse(bytes.toString('utf8')) as Partial<BundleManifest> };
  } catch {
    return { sha };
  }
}

function signedDay(m: Partial<BundleManifest> | undefined): string | undefined {
  const t = typeof m?.createdAt === 'string' ? Date.parse(m.createdAt) : NaN;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

/** Manifest only: the bundle just before the period, whose digest the first link must name. */
async function linkRecord(clusterDir: string, name: string): Promise<BundleRecord> {
  const { sha, manifest, problem } = await manifestOf(path.join(clusterDir, name));
  return {
    name,
    dir: path.join(clusterDir, name),
    // the signed time, not the folder name (a renamed folder is rejected by verifyBundle and stays on its day)
    day: signedDay(manifest) ?? bundleDay(name),
    ...(typeof manifest?.bundleId === 'string' ? { bundleId: manifest.bundleId } : {}),
    manifestSha256: sha,
    previous: linkOf(manifest),
    problems: problem ? [problem] : [],
    unanchored: false,
  };
}

async function fullRecord(clusterDir: string, name: string, opts: ReadBundlesOptions): Promise<BundleRecord> {
  const dir = path.join(clusterDir, name);
  const link = await linkRecord(clusterDir, name);
  if (link.problems.length > 0) return link;
  const report = await verifyBundle(dir, { ...(opts.ca ? { ca: opts.ca } : {}), chain: false });
  const failed = report.checks.filter((c: VerifyCheck) => !c.ok);
  const unanchored = !opts.ca && failed.some((c) => c.name === 'trust anchor' && NOT_ANCHORED.test(c.detail));
  const problems = failed
    .filter((c) => !(unanchored && c.name === 'trust anchor'))
    .map((c) => `${c.name}: ${c.detail}`);
  if (problems.length > 0) return { ...link, problems, unanchored };
  let evidence: Evidence;
  try {
    evidence = JSON.parse(
      (await readRegularFile(path.join(dir, 'evidence.json'))).toString('utf8'),
    ) as Evidence;
  } catch (e) {
    return { ...link, problems: [`evidence.json: ${(e as Error).message}`], unanchored };
  }
  try {
    return { ...link, problems: [], unanchored, content: digestEvidence(evidence) };
  } catch (e) {
    return {
      ...link,
      problems: [`evidence.json: not a readable evidence file (${(e as Error).message})`],
      unanchored,
    };
  }
}

/** Verifies and digests the bundles made between since and until (UTC days), oldest first. */
export async function readClusterBundles(
  clusterDir: string,
  opts: ReadBundlesOptions,
): Promise<ClusterBundles> {
  const first = opts.since.toISOString().slice(0, 10);
  const last = opts.until.toISOString().slice(0, 10);
  const names = await listBundles(clusterDir);
  const inPeriod = names.filter((n) => bundleDay(n) >= first && bundleDay(n) <= last);
  const beforeName = names.filter((n) => bundleDay(n) < first).pop();
  const records: BundleRecord[] = new Array<BundleRecord>(inPeriod.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inPeriod.length) {
      const i = next++;
      records[i] = await fullRecord(clusterDir, inPeriod[i] as string, opts);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  for (const r of records.filter((x) => x.problems.length > 0))
    opts.log.warn('bundle rejected', { bundle: r.name, problems: r.problems.join('; ') });
  return {
    cluster: path.basename(clusterDir),
    dir: clusterDir,
    records,
    ...(beforeName ? { before: await linkRecord(clusterDir, beforeName) } : {}),
  };
}

/** The cluster folders under root: root itself if it holds bundles, else its sub-folders that do. */
export async function findClusterDirs(root: string, cluster?: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = (await readdir(root, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch (e) {
    throw new AppError(
      'INPUT',
      `--bundles ${root}: cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
  if ((await listBundles(root)).length > 0) {
    if (cluster && path.basename(path.resolve(root)) !== cluster)
      throw new AppError(
        'INPUT',
        `--bundles ${root} holds the bundles of ${path.basename(path.resolve(root))}, not --cluster ${cluster}`,
      );
    return [path.resolve(root)];
  }
  const dirs: string[] = [];
  for (const name of entries.sort()) {
    if (cluster && name !== cluster) continue;
    if ((await listBundles(path.join(root, name))).length > 0) dirs.push(path.resolve(root, name));
  }
  if (dirs.length === 0)
    throw new AppError(
      'INPUT',
      cluster
        ? `--bundles ${root}: no bundles of cluster ${cluster} (looked for ${path.join(root, cluster)}/<time>/manifest.json)`
        : `--bundles ${root}: no bundle folders found (expected <cluster>/<time>/manifest.json)`,
    );
  return dirs;
}
