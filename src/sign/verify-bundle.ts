// `verify BUNDLE`: the manifest signature and its trust anchor, every file's digest and size, no file
// added or removed, the PDF signatures, and with --chain the hash chain of earlier bundles.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors.js';
import { placeProblem } from './bundle-place.js';
import { NotRegularFileError, readRegularFile } from '../store/read-regular-file.js';
import { listBundleFiles, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from './manifest.js';
import { parseManifest } from './parse-manifest.js';
import { pemBlocks } from './pki.js';
import type { BundleManifest, VerifyCheck, VerifyReport } from './types.js';

export { parseManifest };
import { verifyChain } from './verify-chain.js';
import { verifyCmsDetached, type CmsTrust, type CmsVerdict } from './verify-cms.js';
import { fileChecks } from './verify-files.js';
import { runPdfsig, verifyPdfSignature } from './verify-pdf.js';

export interface VerifyOptions {
  /** PEM file with the trust anchor(s): the signer's own certificate if self-signed, or its CA. */
  ca?: string;
  chain: boolean;
  /** PEM file with the TSA's trust anchor(s); without it a timestamp is shown but never trusted. */
  tsaCa?: string;
  /** Accept no signer-asserted time: every signature needs a timestamp verified against tsaCa. */
  requireTimestamp?: boolean;
  /** Accept a chain that ends at a retention cut recorded in chain-anchor.json (which is not signed). */
  acceptRetentionCut?: boolean;
}

async function loadAnchors(ca: string | undefined): Promise<Uint8Array[]> {
  if (!ca) return [];
  const text = await readFile(ca, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new AppError('INPUT', `--ca ${ca}: cannot read the CA file (${e.code ?? e.message})`, { cause: e });
  });
  const certs = pemBlocks(text, 'CERTIFICATE');
  if (certs.length === 0) throw new AppError('INPUT', `${ca}: no PEM certificate found`);
  return certs;
}

/** One line about a CMS verdict: signature first, then who signed and when. */
export function describeVerdict(v: CmsVerdict): string {
  const who = v.signer ? `signed by ${v.signer.subject}${v.signer.selfSigned ? ' (self-signed)' : ''}` : '';
  const when = v.timestamp
    ? `, ${v.timestamp.detail}`
    : v.signingTime
      ? `, at ${v.signingTime.toISOString()}`
      : '';
  return v.signatureOk ? `valid, ${who}${when}` : v.detail;
}

function trustCheck(v: CmsVerdict, ca: string | undefined): VerifyCheck {
  const who = v.signer?.subject ?? 'the signer';
  if (!ca) {
    const kind = v.signer?.selfSigned ? 'self-signed' : 'untrusted';
    return {
      name: 'trust anchor',
      ok: false,
      detail: `${who} is ${kind}: no --ca given to check it against`,
    };
  }
  return v.trusted
    ? { name: 'trust anchor', ok: true, detail: `${who} chains to ${ca}` }
    : {
        name: 'trust anchor',
        ok: false,
        detail: `${who} does not chain to ${ca}: ${v.trustProblem ?? 'no path'}`,
      };
}

/** How far a verified timestamp may be from the signed createdAt: a run collects and renders in between. */
const TIMESTAMP_AFTER_MS = 3_600_000;
const TIMESTAMP_BEFORE_MS = 300_000;

/** With --require-timestamp the bundle's time is the TSA's: createdAt must agree with it. */
function signedTimeCheck(m: BundleManifest, v: CmsVerdict): VerifyCheck {
  const name = 'signed time';
  const created = Date.parse(m.createdAt);
  const ts = v.timestamp?.status === 'verified' ? v.timestamp.genTime : undefined;
  if (!ts) return { name, ok: false, detail: 'no verified timestamp to check createdAt against' };
  const lag = ts.getTime() - created;
  if (Number.isNaN(created) || lag > TIMESTAMP_AFTER_MS || lag < -TIMESTAMP_BEFORE_MS) {
    const days = (Math.abs(lag) / 86_400_000).toFixed(1);
    return {
      name,
      ok: false,
      detail: `createdAt ${m.createdAt} is ${days} days ${lag > 0 ? 'before' : 'after'} the trusted timestamp ${ts.toISOString()} (createdAt may be up to 1 hour before the timestamp or 5 minutes after it)`,
    };
  }
  return {
    name,
    ok: true,
    detail: `createdAt ${m.createdAt} agrees with the trusted timestamp ${ts.toISOString()}`,
  };
}

/** The folder must be <cluster>/<time> of the signed manifest: a renamed or moved bundle proves nothing. */
function placeCheck(dir: string, m: BundleManifest): VerifyCheck {
  const problem = placeProblem(dir, m);
  return problem
    ? { name: 'bundle folder', ok: false, detail: problem }
    : {
        name: 'bundle folder',
        ok: true,
        detail: `signed time ${m.createdAt} and source ${m.source.name} match the folder`,
      };
}

async function pdfChecks(dir: string, m: BundleManifest, trust: CmsTrust): Promise<VerifyCheck[]> {
  const anchors = trust.anchors;
  const checks: VerifyCheck[] = [];
  // Only files that are really in the folder: a path in an untrusted manifest must not lead outside it.
  const present = new Set(await listBundleFiles(dir));
  for (const f of m.files.filter((x) => x.path.toLowerCase().endsWith('.pdf') && present.has(x.path))) {
    const file = path.join(dir, f.path);
    const pdf = await readRegularFile(file).catch(() => undefined);
    if (!pdf) continue; // already reported by the file checks
    const v = await verifyPdfSignature(new Uint8Array(pdf), trust);
    const ok = v.signatureOk && (anchors.length === 0 || v.trusted);
    const detail =
      v.signatureOk && anchors.length > 0 && !v.trusted
        ? `valid, but the signer does not chain to --ca: ${v.trustProblem ?? 'no path'}`
        : describeVerdict(v);
    checks.push({ name: `pdf signature ${f.path}`, ok, detail });
    const poppler = await runPdfsig(file);
    if (poppler) checks.push({ ...poppler, name: `pdfsig ${f.path}` });
  }
  return checks;
}

/** Verifies one bundle folder; never throws for tampering (the report says what failed). */
export async function verifyBundle(dir: string, opts: VerifyOptions): Promise<VerifyReport> {
  const anchors = await loadAnchors(opts.ca);
  if (opts.requireTimestamp && !opts.tsaCa)
    throw new AppError(
      'USAGE',
      '--require-timestamp needs --tsa-ca FILE (the trust anchor of the timestamp authority)',
    );
  const trust: CmsTrust = {
    anchors,
    ...(opts.tsaCa ? { tsaAnchors: await loadAnchors(opts.tsaCa) } : {}),
    requireTimestamp: opts.requireTimestamp ?? false,
  };
  const bytes = await readRegularFile(path.join(dir, MANIFEST_FILE)).catch((e: NodeJS.ErrnoException) => {
    if (e instanceof NotRegularFileError) return e;
    throw new AppError(
      'INPUT',
      `${path.join(dir, MANIFEST_FILE)}: cannot read (${e.code ?? e.message}); is ${dir} a bundle?`,
      { cause: e },
    );
  });
  if (bytes instanceof Error)
    return { ok: false, checks: [{ name: 'manifest', ok: false, detail: bytes.message }] };
  const parsed = parseManifest(new Uint8Array(bytes));
  if (typeof parsed === 'string') {
    return { ok: false, checks: [{ name: 'manifest', ok: false, detail: `${MANIFEST_FILE}: ${parsed}` }] };
  }
  const checks: VerifyCheck[] = [];
  const p7s = await readRegularFile(path.join(dir, MANIFEST_SIGNATURE_FILE)).catch(
    (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : e),
  );
  if (p7s instanceof Error) {
    checks.push({ name: 'manifest signature', ok: false, detail: p7s.message });
  } else if (!p7s) {
    checks.push({
      name: 'manifest signature',
      ok: false,
      detail: `unsigned bundle: no ${MANIFEST_SIGNATURE_FILE}`,
    });
  } else {
    const v = await verifyCmsDetached(new Uint8Array(p7s), new Uint8Array(bytes), trust);
    checks.push({ name: 'manifest signature', ok: v.signatureOk, detail: describeVerdict(v) });
    if (v.signatureOk) checks.push(trustCheck(v, opts.ca));
    if (v.signatureOk && opts.requireTimestamp) checks.push(signedTimeCheck(parsed, v));
  }
  checks.push(placeCheck(dir, parsed));
  checks.push(...(await fileChecks(dir, parsed)));
  checks.push(...(await pdfChecks(dir, parsed, trust)));
  if (opts.chain)
    checks.push(...(await verifyChain(dir, parsed, anchors, opts.acceptRetentionCut ?? false, trust)));
  return { ok: checks.every((c) => c.ok), checks };
}
