// An attacker's toolbox, built only from independent tools: openssl's CLI, pkijs used directly (not through
// our verifier) and byte edits. Each forgery test checks that `verify` and `openssl cms -verify` agree.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { run } from './fixtures.js';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

export function parseSigned(p7s: Uint8Array): pkijs.SignedData {
  return new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(p7s).content });
}

export function encodeSigned(signed: pkijs.SignedData): Uint8Array {
  const info = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** A genuine detached signature turned into one that carries `content` as eContent (no key needed). */
export function embedContent(p7s: Uint8Array, content: Uint8Array): Uint8Array {
  const signed = parseSigned(p7s);
  signed.encapContentInfo = new pkijs.EncapsulatedContentInfo({
    eContentType: OID_DATA,
    eContent: new asn1js.OctetString({ valueHex: content }),
  });
  return encodeSigned(signed);
}

/** What a naive pkijs verifier (`verify({ data })`) says about a signature over `data`. */
export async function naivePkijsAccepts(p7s: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    const r = await parseSigned(p7s).verify({ signer: 0, data: data.slice().buffer, extendedMode: true });
    return r.signatureVerified === true;
  } catch {
    return false;
  }
}

/** openssl cms -verify over a detached file, as docs/verify.md tells auditors (`-purpose any`). */
export async function opensslCmsVerify(
  p7sFile: string,
  contentFile: string,
  caFile: string,
  extra: string[] = ['-purpose', 'any'],
): Promise<{ ok: boolean; stderr: string }> {
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7sFile, '-content', contentFile];
  return run('openssl', [...args, '-CAfile', caFile, ...extra, '-out', '/dev/null']).then(
    (r) => ({ ok: true, stderr: r.stderr }),
    (e: { stderr: string }) => ({ ok: false, stderr: e.stderr }),
  );
}

/** openssl cms -sign, detached, DER, SHA-256: the attacker signs with a key of their own. */
export async function opensslSign(
  contentFile: string,
  outFile: string,
  signer: { cert: string; key: string },
  certfile?: string,
): Promise<void> {
  await run('openssl', [
    'cms',
    '-sign',
    '-binary',
    '-outform',
    'DER',
    '-md',
    'sha256',
    '-in',
    contentFile,
    '-signer',
    signer.cert,
    '-inkey',
    signer.key,
    ...(certfile ? ['-certfile', certfile] : []),
    '-out',
    outFile,
  ]);
}

/** A CA (or look-alike of one) with openssl req -x509. */
export async function opensslCa(dir: string, subject: string): Promise<{ cert: string; key: string }> {
  await mkdir(dir, { recursive: true });
  const cert = path.join(dir, 'ca.pem');
  const key = path.join(dir, 'ca.key');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '3650',
    '-subj',
    subject,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  return { cert, key };
}

/** A leaf issued by `ca` with the given subject and extensions (an extfile body), optionally a fixed serial. */
export async function opensslLeaf(
  dir: string,
  ca: { cert: string; key: string },
  subject: string,
  extensions: string,
  serial?: string,
): Promise<{ cert: string; key: string }> {
  await mkdir(dir, { recursive: true });
  const p = (n: string): string => path.join(dir, n);
  await run('openssl', [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    p('leaf.key'),
    '-out',
    p('leaf.csr'),
    '-subj',
    subject,
  ]);
  await writeFile(p('leaf.ext'), extensions);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('leaf.csr'),
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    ...(serial ? ['-set_serial', serial] : ['-CAcreateserial']),
    '-out',
    p('leaf.pem'),
    '-days',
    '3650',
    '-extfile',
    p('leaf.ext'),
  ]);
  return { cert: p('leaf.pem'), key: p('leaf.key') };
}

/** The serial number of a certificate as openssl prints it (hex, e.g. 0x1A2B...). */
export async function serialOf(cert: string): Promise<string> {
  const { stdout } = await run('openssl', ['x509', '-in', cert, '-noout', '-serial']);
  return `0x${stdout.trim().replace(/^serial=/, '')}`;
}
