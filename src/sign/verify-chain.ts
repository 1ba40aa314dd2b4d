// --chain: walks the `previous` links from a bundle back to the first one in its cluster folder; every
// link must name an existing bundle whose manifest.json has exactly the recorded SHA-256.
import path from 'node:path';
import { readRegularFile } from '../store/read-regular-file.js';
import { isRecordedCut, readChainAnchor } from '../store/retention.js';
import { placeProblem, signedTime } from './bundle-place.js';
import { listBundles, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from './manifest.js';
import { sha256Hex } from './pki.js';
import type { BundleManifest, SkippedBundle, VerifyCheck } from './types.js';
import { parseManifest } from './parse-manifest.js';
import { verifyCmsDetached, type CmsTrust } from './verify-cms.js';
import { fileChecks } from './verify-files.js';

interface Known {
  name: string;
  bytes: Uint8Array;
  manifest: BundleManifest | undefined;
  /** Why manifest.json could not be read or is not a manifest (damaged bundle). */
  problem?: string;
}

/** Every bundle of the folder; a damaged one (unreadable, empty, hand-written manifest) is kept with its problem. */
async function readBundles(clusterDir: string): Promise<Known[]> {
  const out: Known[] = [];
  for (const name of await listBundles(clusterDir)) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readRegularFile(path.join(clusterDir, name, MANIFEST_FILE)));
    } catch (e) {
      out.push({
        name,
        bytes: new Uint8Array(),
        manifest: undefined,
        problem: `${MANIFEST_FILE}: ${(e as Error).message}`,
      });
      continue;
    }
    const parsed = parseManifest(bytes);
    out.push(
      typeof parsed === 'string'
        ? { name, bytes, manifest: undefined, problem: `${MANIFEST_FILE} ${parsed}` }
        : { name, bytes, manifest: parsed },
    );
  }
  return out;
}

async function signatureCheck(clusterDir: string, b: Known, trust: CmsTrust): Promise<VerifyCheck> {
  const anchors = trust.anchors;
  const name = `chain signature ${b.name}`;
  const p7s = await readRegularFile(path.join(clusterDir, b.name, MANIFEST_SIGNATURE_FILE)).catch(
    (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : e),
  );
  if (p7s instanceof Error) return { name, ok: false, detail: p7s.message };
  if (!p7s) return { name, ok: false, detail: `unsigned: no ${MANIFEST_SIGNATURE_FILE}` };
  const v = await verifyCmsDetached(new Uint8Array(p7s), b.bytes, trust);
  if (!v.signatureOk) return { name, ok: false, detail: v.detail };
  if (anchors.length > 0 && !v.trusted)
    return {
      name,
      ok: false,
      detail: `valid, but the signer does not chain to --ca: ${v.trustProblem ?? 'no path'}`,
    };
  return { name, ok: true, detail: `valid, signed by ${v.signer?.subject ?? 'unknown'}` };
}

/** The files of an earlier bundle: one line when all match, else one line per file that does not. */
async function chainFileChecks(clusterDir: string, name: string, m: BundleManifest): Promise<VerifyCheck[]> {
  const checks = await fileChecks(path.join(clusterDir, name), m);
  const bad = checks.filter((c) => !c.ok).map((c) => ({ ...c, name: `chain ${name} ${c.name}` }));
  return bad.length
    ? bad
    : [{ name: `chain files ${name}`, ok: true, detail: `${checks.length} files match the manifest` }];
}

/** An earlier bundle sits in the folder of its signed time and source, and was made before the next one. */
function timeChecks(
  clusterDir: string,
  name: string,
  m: BundleManifest,
  next: BundleManifest,
): VerifyCheck[] {
  const problem = placeProblem(path.join(clusterDir, name), m);
  if (problem) return [{ name: `chain folder ${name}`, ok: false, detail: problem }];
  const at = signedTime(m);
  const after = signedTime(next);
  if (at && after && at > after)
    return [
      {
        name: `chain folder ${name}`,
        ok: false,
        detail: `signed at ${at.toISOString()}, after the bundle that links to it (${after.toISOString()})`,
      },
    ];
  return [];
}

/**
 * An earlier bundle the chain does not reach: a fork or an insertion, unless a later bundle on the chain
 * recorded passing over it as damaged. Either way it fails: the folder holds evidence that does not verify.
 */
function offChainCheck(b: Known, skipped: readonly (SkippedBundle & { by: string })[]): VerifyCheck {
  const rec = skipped.find((s) => s.bundle === b.name);
  const damage = b.problem ? `damaged (${b.problem})` : 'not on the chain';
  if (rec && (rec.manifestSha256 === '' || rec.manifestSha256 === sha256Hex(b.bytes)))
    return {
      name: `chain ${b.name}`,
      ok: false,
      detail: `${damage}; passed over by ${rec.by}, whose signed manifest records it (${rec.reason})`,
    };
  return {
    name: `chain ${b.name}`,
    ok: false,
    detail: b.problem
      ? `${damage}, an earlier bundle in the folder`
      : 'an earlier bundle in the folder is not on the chain',
  };
}

/** Checks every link back from `manifest` (the bundle in `dir`) and each earlier manifest's signature. */
export async function verifyChain(
  dir: string,
  manifest: BundleManifest,
  anchors: Uint8Array[],
  acceptRetentionCut = false,
  trust: CmsTrust = { anchors },
): Promise<VerifyCheck[]> {
  const clusterDir = path.dirname(path.resolve(dir));
  const self = path.basename(path.resolve(dir));
  const bundles = (await readBundles(clusterDir)).filter((b) => b.name !== self);
  const checks: VerifyCheck[] = [];
  const seen = new Set<string>([self]);
  const skippedOnChain: (SkippedBundle & { by: string })[] = [];
  let current = { name: self, manifest };
  while (current.manifest.previous) {
    const link = current.manifest.previous;
    const name = `chain ${current.name} -> ${link.bundleId}`;
    // The digest names the bundle exactly (two runs of the same second and snapshot share a bundleId).
    const prev =
      bundles.find((b) => !seen.has(b.name) && sha256Hex(b.bytes) === link.manifestSha256) ??
      bundles.find((b) => b.manifest?.bundleId === link.bundleId || b.name === link.bundleId);
    if (!prev || seen.has(prev.name)) {
      // Retention with --keep-unchained records where it cut the chain; the walk may end there, and says so.
      if (!prev && isRecordedCut(await readChainAnchor(clusterDir), current.name, link.manifestSha256)) {
        // chain-anchor.json is not signed: anyone who deleted bundles could write it, so the cut is only
        // accepted when the auditor says so.
        checks.push({
          name,
          ok: acceptRetentionCut,
          detail: `${link.bundleId} was pruned by retention (recorded in chain-anchor.json, which is not signed)${acceptRetentionCut ? '; accepted with --accept-retention-cut' : '; check the pruning with the operator, then pass --accept-retention-cut'}`,
        });
        break;
      }
      checks.push({ name, ok: false, detail: `previous bundle ${link.bundleId} not found in ${clusterDir}` });
      break;
    }
    seen.add(prev.name);
    const digest = sha256Hex(prev.bytes);
    if (digest !== link.manifestSha256) {
      checks.push({
        name,
        ok: false,
        detail: `${prev.name}/${MANIFEST_FILE} sha256 differs from the link (changed after the later run)`,
      });
    } else {
      checks.push({ name, ok: true, detail: `${prev.name}/${MANIFEST_FILE} sha256 ${digest.slice(0, 16)}…` });
    }
    checks.push(await signatureCheck(clusterDir, prev, trust));
    if (prev.manifest) checks.push(...timeChecks(clusterDir, prev.name, prev.manifest, current.manifest));
    if (prev.manifest) checks.push(...(await chainFileChecks(clusterDir, prev.name, prev.manifest)));
    if (!prev.manifest) {
      checks.push({
        name: `chain ${prev.name}`,
        ok: false,
        detail: prev.problem ?? `${MANIFEST_FILE} is damaged`,
      });
      break;
    }
    skippedOnChain.push(...(current.manifest.skippedPrevious ?? []).map((s) => ({ ...s, by: current.name })));
    current = { name: prev.name, manifest: prev.manifest };
  }
  skippedOnChain.push(...(current.manifest.skippedPrevious ?? []).map((s) => ({ ...s, by: current.name })));
  // Earlier by name or by signed time: a folder renamed to a later time is still an earlier bundle.
  const selfTime = signedTime(manifest)?.getTime() ?? Infinity;
  const earlier = bundles.filter(
    (b) =>
      !seen.has(b.name) &&
      (b.name < self || (signedTime(b.manifest ?? {})?.getTime() ?? Infinity) < selfTime),
  );
  for (const b of earlier) checks.push(offChainCheck(b, skippedOnChain));
  if (checks.length === 0)
    checks.push({ name: 'chain', ok: true, detail: 'first bundle of the cluster (no previous)' });
  return checks;
}
