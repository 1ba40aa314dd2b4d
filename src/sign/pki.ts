// Small PKI helpers shared by signing and verification: PEM blocks, certificates, WebCrypto keys.
import { X509Certificate, createHash, webcrypto, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { AppError } from '../model/errors.js';
import { DEMO_MARKER, type SignerInfo } from './types.js';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

/** Every PEM block of one label (CERTIFICATE, ...) in `text`, as DER. */
export function pemBlocks(text: string, label: string): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => new Uint8Array(Buffer.from(m[1] ?? '', 'base64')));
}

export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** Parses DER into a pkijs Certificate; `where` names the file in the error. */
export function parseCertificate(der: Uint8Array, where: string): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(der);
  } catch (e) {
    throw new AppError('INPUT', `${where}: not a valid X.509 certificate`, { cause: e });
  }
}

export function certDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The key types we sign with (RSA, ECDSA on P-256); anything else is refused with a clear message. */
export function keyAlgorithm(key: KeyObject, where: string): SignerInfo['algorithm'] {
  if (key.asymmetricKeyType === 'rsa') return 'RSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ECDSA-P256';
  }
  const detail = key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyType ?? 'unknown';
  throw new AppError('INPUT', `${where}: unsupported key type ${detail}; use RSA or ECDSA P-256`);
}

/** Imports a Node private key into WebCrypto for pkijs (SHA-256 signatures only). */
export async function toCryptoKey(
  key: KeyObject,
  algorithm: SignerInfo['algorithm'],
): Promise<webcrypto.CryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const alg =
    algorithm === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return webcrypto.subtle.importKey('pkcs8', der, alg, false, ['sign']);
}

/** Facts about the signing certificate that the report prints on its cover. */
export function describeCertificate(der: Uint8Array, algorithm?: SignerInfo['algorithm']): SignerInfo {
  const x = new X509Certificate(Buffer.from(der));
  const subject = x.subject.split('\n').join(', ');
  return {
    subject,
    issuer: x.issuer.split('\n').join(', '),
    selfSigned: x.subject === x.issuer && x.verify(x.publicKey),
    demo: subject.includes(DEMO_MARKER),
    algorithm: algorithm ?? (x.publicKey.asymmetricKeyType === 'rsa' ? 'RSA' : 'ECDSA-P256'),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    fingerprintSha256: sha256Hex(der),
  };
}
