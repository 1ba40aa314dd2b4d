// Issue 13 point 4: an RFC 3161 token counts only when its signature, its imprint over this signature value and
// its TSA's certificate path to --tsa-ca hold. Tokens are made by `openssl ts` (a real TSA and a self-made
// look-alike one) and attached with pkijs; openssl ts -verify agrees with every verdict.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import {
  createKeyPair,
  loadSigner,
  verifyBundle,
  type Signer,
  type VerifyReport,
} from '../../../src/sign/index.js';
import { pemBlocks } from '../../../src/sign/pki.js';
import { verifyCmsDetached } from '../../../src/sign/verify-cms.js';
import { bundleFolderName } from '../../../src/store/bundle-writer.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { startLocalTsa, type LocalTsa } from '../../helpers/tsa/local-tsa.js';
import { chromiumPdf, run, tempDir, writeBundle } from './fixtures.js';
import { encodeSigned, parseSigned } from './forge.js';

const TOKEN_OID = '1.2.840.113549.1.9.16.2.14';
const DAY = 86_400_000;
let realTsa: LocalTsa;
let fakeTsa: LocalTsa;
let base: string;
let pdf: Uint8Array;

beforeAll(async () => {
  realTsa = await startLocalTsa();
  fakeTsa = await startLocalTsa(); // the attacker's own TSA, with the same name as the real one
  base = await tempDir('forge-tsa');
  pdf = await chromiumPdf();
});
afterAll(async () => {
  await realTsa.close();
  await fakeTsa.close();
});

const failed = (r: VerifyReport): string[] =>
  r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

/** A key whose certificate is valid from `from` for `days` days (relative to the real clock: TSAs use it). */
async function signerValid(
  name: string,
  fromMs: number,
  days: number,
): Promise<{ signer: Signer; cert: string }> {
  const k = await createKeyPair(path.join(base, name), {
    algorithm: 'ecdsa',
    commonName: `Signer ${name}`,
    notBefore: new Date(Date.now() + fromMs),
    days,
  });
  return { signer: await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} }), cert: k.certPath };
}

/** openssl ts -query for the SHA-256 of a signature value, answered by a TSA over HTTP; returns the token (DER). */
async function tokenFrom(tsa: LocalTsa, signatureValue: Uint8Array, dir: string): Promise<Uint8Array> {
  const digest = createHash('sha256').update(signatureValue).digest('hex');
  const query = path.join(dir, 'q.tsq');
  await run('openssl', ['ts', '-query', '-digest', digest, '-sha256', '-cert', '-out', query]);
  const res = await fetch(tsa.url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: await readFile(query),
  });
  await writeFile(path.join(dir, 'r.tsr'), new Uint8Array(await res.arrayBuffer()));
  const token = path.join(dir, 'token.der');
  await run('openssl', ['ts', '-reply', '-in', path.join(dir, 'r.tsr'), '-token_out', '-out', token]);
  return new Uint8Array(await readFile(token));
}

function signatureValue(p7s: Uint8Array): Uint8Array {
  const info = parseSigned(p7s).signerInfos[0] as pkijs.SignerInfo;
  return new Uint8Array(info.signature.valueBlock.valueHexView);
}

/** Adds (or replaces) the signature-timestamp unsigned attribute of a genuine signature: no key needed. */
function attachToken(p7s: Uint8Array, token: Uint8Array): Uint8Array {
  const signed = parseSigned(p7s);
  const info = signed.signerInfos[0] as pkijs.SignerInfo;
  info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [new pkijs.Attribute({ type: TOKEN_OID, values: [asn1js.fromBER(token).result] })],
  });
  return encodeSigned(signed);
}

async function opensslTsVerify(
  token: Uint8Array,
  signature: Uint8Array,
  caFile: string,
  dir: string,
): Promise<boolean> {
  const file = path.join(dir, 'check.der');
  await writeFile(file, token);
  const digest = createHash('sha256').update(signature).digest('hex');
  return run('openssl', [
    'ts',
    '-verify',
    '-digest',
    digest,
    '-in',
    file,
    '-token_in',
    '-CAfile',
    caFile,
  ]).then(
    (r) => r.stdout.includes('Verification: OK'),
    () => false,
  );
}

describe('a genuine signature dated outside its certificate, with a self-made TSA token dated inside it', () => {
  it('is never trusted: without --tsa-ca the time is "unverified", with it the token is refused (exit 5)', async () => {
    // valid from yesterday to tomorrow; the signature claims a signing time five days from now
    // (SOURCE_DATE_EPOCH), and the attacker's TSA token says "now", inside the validity
    const { signer, cert } = await signerValid('expired', -1 * DAY, 2);
    const at = new Date(Math.floor((Date.now() + 5 * DAY) / 1000) * 1000);
    const bundle = await writeBundle(path.join(base, 'demo'), bundleFolderName(at), signer, pdf, at);
    const p7sFile = path.join(bundle, 'manifest.json.p7s');
    const genuine = new Uint8Array(await readFile(p7sFile));
    const token = await tokenFrom(fakeTsa, signatureValue(genuine), base);
    await writeFile(p7sFile, attachToken(genuine, token));

    const plain = await verifyBundle(bundle, { ca: cert, chain: false });
    const sig = plain.checks.find((c) => c.name === 'manifest signature');
    expect(sig?.ok).toBe(true);
    expect(sig?.detail).toMatch(/unverified timestamp .* no --tsa-ca given, not used for trust/);
    expect(failed(plain)).toContainEqual(
      expect.stringMatching(/^trust anchor: .*certificate not valid at the signing time/),
    );

    const anchored = await runBuiltCli(['verify', bundle, '--ca', cert, '--tsa-ca', realTsa.certPath]);
    expect(anchored.code).toBe(5);
    expect(anchored.stdout).toContain(
      'FAIL manifest signature: timestamp invalid: the TSA does not chain to --tsa-ca',
    );
    expect(await opensslTsVerify(token, signatureValue(genuine), realTsa.certPath, base)).toBe(false);
    expect(await opensslTsVerify(token, signatureValue(genuine), fakeTsa.certPath, base)).toBe(true);
  });
});

describe('a real TSA token', () => {
  let signer: Signer;
  let cert: string;
  beforeAll(async () => {
    ({ signer, cert } = await signerValid('current', -40 * DAY, 80));
  });

  it('passes verify --tsa-ca --require-timestamp on a whole bundle (exit 0)', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const dir = path.join(base, 'stamped', 'demo');
    const bundle = await writeBundle(dir, bundleFolderName(at), signer, pdf, at, realTsa.url);
    const r = await runBuiltCli([
      'verify',
      bundle,
      '--ca',
      cert,
      '--tsa-ca',
      realTsa.certPath,
      '--require-timestamp',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ok {3}manifest signature: valid, .*, timestamped .* by O=netpol-evidence tests, CN=Local Test TSA$/m,
    );
    expect(r.stdout).toMatch(/^ok {3}signed time: createdAt .* agrees with the trusted timestamp/m);
  });

  it('is verified with --tsa-ca and its time is the one the certificate is checked at', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const p7s = await signer.signDetached(new TextEncoder().encode('m'), {
      signingTime: at,
      tsaUrl: realTsa.url,
    });
    const v = await verifyCmsDetached(p7s, new TextEncoder().encode('m'), {
      anchors: pemBlocks(await readFile(cert, 'utf8'), 'CERTIFICATE'),
      tsaAnchors: pemBlocks(await readFile(realTsa.certPath, 'utf8'), 'CERTIFICATE'),
      requireTimestamp: true,
    });
    expect(v).toMatchObject({ signatureOk: true, trusted: true, timestamp: { status: 'verified' } });
    expect(v.timestamp?.detail).toMatch(/^timestamped .* by O=netpol-evidence tests, CN=Local Test TSA$/);
  });

  it('taken from another signature (a replayed token) is refused, as openssl ts -verify does', async () => {
    const at = new Date();
    const donor = await signer.signDetached(new TextEncoder().encode('other'), {
      signingTime: at,
      tsaUrl: realTsa.url,
    });
    const target = await signer.signDetached(new TextEncoder().encode('m'), { signingTime: at });
    const token = await tokenFrom(realTsa, signatureValue(donor), base);
    const forged = attachToken(target, token);
    const v = await verifyCmsDetached(forged, new TextEncoder().encode('m'), {
      anchors: [],
      tsaAnchors: pemBlocks(await readFile(realTsa.certPath, 'utf8'), 'CERTIFICATE'),
    });
    expect(v).toMatchObject({ signatureOk: false });
    expect(v.detail).toBe('timestamp invalid: its imprint is not the hash of this signature value');
    expect(await opensslTsVerify(token, signatureValue(target), realTsa.certPath, base)).toBe(false);
  });
});

describe('verify --require-timestamp', () => {
  it('fails a bundle without a timestamp (exit 5) and is a usage error without --tsa-ca (exit 2)', async () => {
    const { signer, cert } = await signerValid('untimed', -40 * DAY, 80);
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const bundle = await writeBundle(
      path.join(base, 'untimed', 'demo'),
      bundleFolderName(at),
      signer,
      pdf,
      at,
    );
    const r = await runBuiltCli([
      'verify',
      bundle,
      '--ca',
      cert,
      '--tsa-ca',
      realTsa.certPath,
      '--require-timestamp',
    ]);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('FAIL trust anchor:');
    expect(r.stdout).toContain('no timestamp verified against --tsa-ca (required by --require-timestamp)');
    const usage = await runBuiltCli(['verify', bundle, '--ca', cert, '--require-timestamp']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--require-timestamp needs --tsa-ca');
  });

  it('fails a bundle signed "in the past" (SOURCE_DATE_EPOCH) whose real timestamp is a month later', async () => {
    const { signer, cert } = await signerValid('backdated', -40 * DAY, 80);
    const past = new Date(Math.floor((Date.now() - 30 * DAY) / 1000) * 1000);
    const dir = path.join(base, 'backdated', 'demo');
    const bundle = await writeBundle(dir, bundleFolderName(past), signer, pdf, past);
    const p7sFile = path.join(bundle, 'manifest.json.p7s');
    const genuine = new Uint8Array(await readFile(p7sFile));
    const token = await tokenFrom(realTsa, signatureValue(genuine), base);
    await writeFile(p7sFile, attachToken(genuine, token));
    const r = await verifyBundle(bundle, {
      ca: cert,
      tsaCa: realTsa.certPath,
      requireTimestamp: true,
      chain: false,
    });
    expect(failed(r)).toContainEqual(
      expect.stringMatching(/^signed time: createdAt .* is 30\.0 days before the trusted timestamp/),
    );
    // without --require-timestamp the signer-asserted time is accepted, and the timestamp is shown
    const lenient = await verifyBundle(bundle, { ca: cert, tsaCa: realTsa.certPath, chain: false });
    expect(failed(lenient).filter((l) => l.startsWith('signed time'))).toEqual([]);
  });
});
