// Reads the bundle this run will link to and compares it with the new evidence (counts for the summary).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { sincePrevious } from '../diff/since-previous.js';
import type { Evidence, SincePrevious } from '../model/evidence.js';
import { chooseChainLink, MANIFEST_FILE, parseManifest } from '../sign/index.js';
import { readRegularFile } from '../store/read-regular-file.js';

/** Past this size the previous evidence.json is not parsed in the run (`netpol-evidence diff` compares it). */
export const MAX_PREVIOUS_EVIDENCE_BYTES = 128 * 1024 * 1024;

/**
 * The comparison with the bundle the chain will link to (the same choice signing makes), or undefined for the
 * first bundle. A previous evidence.json that does not match its manifest is named, never compared.
 */
export async function readSincePrevious(
  clusterDir: string,
  newName: string,
  evidence: Evidence,
  opts: { signed: boolean },
): Promise<SincePrevious | undefined> {
  const { previous } = await chooseChainLink(clusterDir, newName, opts);
  if (!previous) return undefined;
  const bundleId = previous.bundleId;
  const manifest = parseManifest(await readRegularFile(path.join(previous.dir, MANIFEST_FILE)));
  if (typeof manifest === 'string') return { compared: false, bundleId, reason: manifest };
  const entry = manifest.files.find((f) => f.path === 'evidence.json');
  if (!entry) return { compared: false, bundleId, reason: 'it has no evidence.json' };
  if (entry.bytes > MAX_PREVIOUS_EVIDENCE_BYTES)
    return {
      compared: false,
      bundleId,
      reason: `its evidence.json (${entry.bytes} bytes) is too large to compare in the run; use netpol-evidence diff`,
    };
  const bytes = await readRegularFile(path.join(previous.dir, 'evidence.json'));
  if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256)
    return { compared: false, bundleId, reason: 'its evidence.json does not match its manifest' };
  let before: unknown;
  try {
    before = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { compared: false, bundleId, reason: 'its evidence.json is not valid JSON' };
  }
  if (typeof before !== 'object' || before === null)
    return { compared: false, bundleId, reason: 'its evidence.json is not an object' };
  return sincePrevious(before, evidence, { bundleId, generatedAt: manifest.createdAt });
}

/** The evidence with `sincePrevious` placed before the warnings (the key order evidence.json keeps). */
export function withSincePrevious(e: Evidence, since: SincePrevious | undefined): Evidence {
  if (!since) return e;
  const { warnings, snapshot, ...rest } = e;
  return { ...rest, sincePrevious: since, warnings, snapshot };
}
