// `keys create`: a self-signed key pair for trying signing out (reports say plainly it is self-signed).
import { generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../model/errors.js';
import { toPem } from './pki.js';
import { DEMO_MARKER } from './types.js';

export interface CreateKeyOptions {
  algorithm: 'rsa' | 'ecdsa';
  commonName: string;
  demo?: boolean;
  days?: number;
  /** Start of validity; defaults to the current time (a key pair is not report content). */
  notBefore?: Date;
}

/** One attribute per RDN (pkijs would put them all in one multi-valued RDN). */
function name(commonName: string, demo: boolean): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: string): asn1js.Set =>
    new asn1js.Set({
      value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()],
    });
  const rdns = demo
    ? [rdn('2.5.4.10', DEMO_MARKER), rdn('2.5.4.3', commonName)]
    : [rdn('2.5.4.3', commonName)];
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

function extensions(): pkijs.Extension[] {
  const basic = new pkijs.BasicConstraints({ cA: false });
  // digitalSignature | nonRepudiation (bits 0 and 1)
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 });
  return [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: basic.toSchema().toBER(false),
      parsedValue: basic,
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: usage.toBER(false) }),
  ];
}

/** Writes key.pem (mode 0600, PKCS#8) and cert.pem into outDir; refuses to overwrite either. */
export async function createKeyPair(
  outDir: string,
  opts: CreateKeyOptions,
): Promise<{ keyPath: string; certPath: string }> {
  const pair =
    opts.algorithm === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 3072 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const alg =
    opts.algorithm === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, alg, false, ['sign']);

  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  // DER INTEGER: positive (top bit clear) and minimal (a leading zero byte is invalid), so 0x40 is set
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.subject = name(opts.commonName, opts.demo ?? false);
  cert.issuer = name(opts.commonName, opts.demo ?? false);
  const from = opts.notBefore ?? new Date();
  cert.notBefore.value = new Date(Math.floor(from.getTime() / 1000) * 1000);
  cert.notAfter.value = new Date(cert.notBefore.value.getTime() + (opts.days ?? 365) * 86_400_000);
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spki);
  cert.extensions = extensions();
  await cert.sign(signingKey as never, 'SHA-256');

  const keyPath = path.join(outDir, 'key.pem');
  const certPath = path.join(outDir, 'cert.pem');
  try {
    for (const p of [keyPath, certPath]) {
      if (await stat(p).catch(() => undefined))
        throw Object.assign(new Error('exists'), { code: 'EEXIST', path: p });
    }
    await mkdir(outDir, { recursive: true });
    await writeFile(keyPath, toPem(new Uint8Array(pkcs8), 'PRIVATE KEY'), { mode: 0o600, flag: 'wx' });
    await writeFile(certPath, toPem(new Uint8Array(cert.toSchema(true).toBER(false)), 'CERTIFICATE'), {
      flag: 'wx',
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // A folder that already holds a key is a usage mistake (exit 2), not a storage failure: nothing is overwritten.
    if (err.code === 'EEXIST')
      throw new AppError(
        'USAGE',
        `--out ${outDir}: ${path.basename(err.path ?? keyPath)} already exists there; choose an empty folder (an existing key is never overwritten)`,
        { cause: e },
      );
    throw new AppError('STORE', `--out ${err.path ?? outDir}: ${err.code ?? err.message}`, { cause: e });
  }
  return { keyPath, certPath };
}
