// Signing in a run: load the key first (fail fast), sign the PDF, then the bundle manifest.
import { AppError } from '../model/errors.js';
import type { Evidence, SignatureStatus } from '../model/evidence.js';
import {
  buildManifest,
  chooseChainLink,
  loadSigner,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  serializeManifest,
  type Signer,
} from '../sign/index.js';
import { writeBundleFile, type StagedBundle } from '../store/bundle-writer.js';
import { TOOL } from '../version.js';
import type { SigningOptions } from './report-options.js';

export async function loadRunSigner(
  signing: SigningOptions,
  env: NodeJS.ProcessEnv,
): Promise<Signer | undefined> {
  switch (signing.mode) {
    case 'unsigned':
      return undefined;
    case 'pem':
      return loadSigner({
        key: signing.key,
        cert: signing.cert,
        ...(signing.chain ? { chain: signing.chain } : {}),
        env,
      });
    case 'p12':
      return loadSigner({
        p12: signing.p12,
        ...(signing.passphraseEnv ? { passphraseEnv: signing.passphraseEnv } : {}),
        env,
      });
  }
}

/**
 * The signer's certificate must be valid at the report's signing time (the run's clock, which SOURCE_DATE_EPOCH
 * may set in the past): a signature made outside it can never verify, so the run stops before any work.
 */
export function assertValidAt(signer: Signer | undefined, at: Date): void {
  if (!signer) return;
  const { notBefore, notAfter, subject } = signer.info;
  if (at < new Date(notBefore) || at > new Date(notAfter))
    throw new AppError(
      'INPUT',
      `the signing certificate (${subject}) is valid from ${notBefore} to ${notAfter}, not at the report's time ${at.toISOString()}` +
        ' (set by SOURCE_DATE_EPOCH when given): use a certificate valid then, or make one with `SOURCE_DATE_EPOCH=... netpol-evidence keys create`',
    );
}

export function signatureStatus(signer: Signer | undefined, tsaUrl: string | undefined): SignatureStatus {
  if (!signer) return { signed: false };
  const i = signer.info;
  return {
    signed: true,
    subject: i.subject,
    issuer: i.issuer,
    selfSigned: i.selfSigned,
    demo: i.demo,
    fingerprintSha256: i.fingerprintSha256,
    timestamped: tsaUrl !== undefined,
  };
}

/**
 * Writes manifest.json (every file, the snapshot digest, the link to the previous bundle) and its CMS signature.
 * The caller holds the cluster folder's lock from here until the bundle is renamed into place.
 */
export async function signBundle(
  staged: StagedBundle,
  evidence: Evidence,
  signer: Signer | undefined,
  opts: { signingTime: Date; tsaUrl?: string },
): Promise<void> {
  const { previous, skipped } = await chooseChainLink(staged.clusterDir, staged.name, { signed: !!signer });
  const manifest = await buildManifest(staged.dir, {
    bundleId: evidence.reportId,
    createdAt: evidence.generatedAt,
    toolVersion: TOOL.version,
    source: { type: evidence.snapshot.source.type, name: evidence.snapshot.source.name },
    snapshotSha256: evidence.snapshotSha256,
    previous: previous ? { bundleId: previous.bundleId, manifestSha256: previous.manifestSha256 } : null,
    ...(skipped.length > 0 ? { skippedPrevious: skipped } : {}),
  });
  const bytes = serializeManifest(manifest);
  await writeBundleFile(staged, MANIFEST_FILE, bytes);
  if (signer) await writeBundleFile(staged, MANIFEST_SIGNATURE_FILE, await signer.signDetached(bytes, opts));
}
