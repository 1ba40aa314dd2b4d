// The earlier runs of a cluster, as the hash chain shows them: from the bundle this run will link to (the
// same choice signing makes), back through each manifest's `previous` link while the linked manifest is
// present with the linked SHA-256. Evidence that the tests run regularly (GDPR Art. 32(1)(d)).
import path from 'node:path';
import type { RunHistory } from '../model/evidence.js';
import { readRegularFile } from '../store/read-regular-file.js';
import { listBundles, MANIFEST_FILE } from './manifest.js';
import { parseManifest } from './parse-manifest.js';
import { sha256Hex } from './pki.js';
import { chooseChainLink } from './previous-bundle.js';
import type { BundleManifest } from './types.js';

async function manifestsBySha(clusterDir: string): Promise<Map<string, BundleManifest>> {
  const out = new Map<string, BundleManifest>();
  for (const name of await listBundles(clusterDir)) {
    const bytes = await readRegularFile(path.join(clusterDir, name, MANIFEST_FILE)).catch(() => undefined);
    if (!bytes) continue;
    const m = parseManifest(new Uint8Array(bytes));
    if (typeof m !== 'string') out.set(sha256Hex(bytes), m);
  }
  return out;
}

/**
 * How many earlier runs of this cluster the chain links back to, and over what period. `endsAt` says why
 * the walk stopped: the first bundle of the chain, or a link whose bundle is no longer in the folder
 * (pruned by retention, or moved).
 */
export async function readRunHistory(
  clusterDir: string,
  newName: string,
  opts: { signed: boolean },
): Promise<RunHistory> {
  const { previous } = await chooseChainLink(clusterDir, newName, opts);
  if (!previous) return { earlierRuns: 0, endsAt: 'first' };
  const all = await manifestsBySha(clusterDir);
  let m = all.get(previous.manifestSha256);
  let count = 0;
  let last: string | undefined;
  let first: string | undefined;
  const seen = new Set<string>();
  let sha = previous.manifestSha256;
  while (m && !seen.has(sha)) {
    seen.add(sha);
    count++;
    last ??= m.createdAt;
    first = m.createdAt;
    if (!m.previous) return { earlierRuns: count, first, last, endsAt: 'first' };
    sha = m.previous.manifestSha256;
    m = all.get(sha);
  }
  return {
    earlierRuns: count,
    ...(first ? { first } : {}),
    ...(last ? { last } : {}),
    endsAt: 'missing',
  };
}
