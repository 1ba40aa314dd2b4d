// The link of a new bundle: the newest earlier bundle of the cluster folder whose manifest is well formed and
// whose signature verifies. A damaged bundle (an empty or hand-written manifest.json after a crash, a bad
// signature) is never linked to; it is passed over and named in the new manifest, so the chain goes on and
// the damage stays on record. Callers hold the cluster folder's lock (store/cluster-lock.ts).
import path from 'node:path';
import { AppError } from '../model/errors.js';
import { readRegularFile } from '../store/read-regular-file.js';
import { byCodePoint, listBundles, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from './manifest.js';
import { sha256Hex } from './pki.js';
import type { SkippedBundle } from './types.js';
import { parseManifest } from './parse-manifest.js';
import { verifyCmsDetached } from './verify-cms.js';

export interface PreviousBundle {
  readonly bundleId: string;
  readonly manifestSha256: string;
  readonly dir: string;
}

export interface ChainLinkChoice {
  readonly previous: PreviousBundle | null;
  /** Newer bundles that were passed over, newest first. */
  readonly skipped: SkippedBundle[];
}

/** True when `name` belongs before a bundle to be named `newName` (or `newName-2`, ... in the same second). */
function isEarlier(name: string, newName: string): boolean {
  return byCodePoint(name, newName) < 0 || name === newName || name.startsWith(`${newName}-`);
}

/** Why the bundle cannot be linked to, or its link when it can. */
async function judge(
  clusterDir: string,
  name: string,
  signed: boolean,
): Promise<PreviousBundle | SkippedBundle> {
  const dir = path.join(clusterDir, name);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path.join(dir, MANIFEST_FILE));
  } catch (e) {
    return {
      bundle: name,
      manifestSha256: '',
      reason: `${MANIFEST_FILE} unreadable: ${(e as Error).message}`,
    };
  }
  const manifestSha256 = sha256Hex(bytes);
  const skip = (reason: string): SkippedBundle => ({ bundle: name, manifestSha256, reason });
  const manifest = parseManifest(new Uint8Array(bytes));
  if (typeof manifest === 'string') return skip(`${MANIFEST_FILE} ${manifest}`);
  const p7s = await readRegularFile(path.join(dir, MANIFEST_SIGNATURE_FILE)).catch(
    (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : e),
  );
  if (p7s instanceof Error) return skip(`${MANIFEST_SIGNATURE_FILE} unreadable: ${p7s.message}`);
  if (!p7s) {
    // A signed run links only to signed bundles; an unsigned run may follow an unsigned one.
    if (signed) return skip(`unsigned (no ${MANIFEST_SIGNATURE_FILE})`);
  } else {
    const v = await verifyCmsDetached(new Uint8Array(p7s), new Uint8Array(bytes), []).catch((e: Error) => ({
      signatureOk: false,
      detail: e.message,
    }));
    if (!v.signatureOk) return skip(`manifest signature does not verify: ${v.detail}`);
  }
  return { bundleId: manifest.bundleId, manifestSha256, dir };
}

/**
 * The bundle a new bundle named `newName` links to. A bundle named after this run's time (a run that read
 * its clock later but finished first) is refused: linking either way would put the chain out of time order.
 */
export async function chooseChainLink(
  clusterDir: string,
  newName: string,
  opts: { signed: boolean },
): Promise<ChainLinkChoice> {
  const names = await listBundles(clusterDir);
  const later = names.filter((n) => !isEarlier(n, newName));
  if (later.length > 0)
    throw new AppError(
      'STORE',
      `${path.join(clusterDir, later[later.length - 1] ?? '')} is newer than this run's time (${newName}): ` +
        'an overlapping run read its clock later but finished first; this run is not linked out of time order (run it again)',
    );
  const skipped: SkippedBundle[] = [];
  for (const name of [...names].reverse()) {
    const v = await judge(clusterDir, name, opts.signed);
    if ('bundleId' in v) return { previous: v, skipped };
    skipped.push(v);
  }
  return { previous: null, skipped };
}

/** The bundle a new bundle named `newName` would link to (null for the first), or the newest linkable. */
export async function findPreviousBundle(
  clusterDir: string,
  newName?: string,
): Promise<PreviousBundle | null> {
  const names = (await listBundles(clusterDir)).filter((n) => newName === undefined || isEarlier(n, newName));
  for (const name of names.reverse()) {
    const v = await judge(clusterDir, name, false);
    if ('bundleId' in v) return v;
  }
  return null;
}
