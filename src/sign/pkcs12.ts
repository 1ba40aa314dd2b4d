// PKCS#12 files are opened with `openssl pkcs12` (the passphrase goes through the child's environment,
// never its argv); the key stays in memory and is never written to disk.
import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { AppError } from '../model/errors.js';
import { pemBlocks } from './pki.js';

const PASS_VAR = 'NETPOL_EVIDENCE_P12_PASSPHRASE';

function runPkcs12(file: string, passphrase: string, legacy: boolean): Promise<string> {
  const args = [
    'pkcs12',
    '-in',
    file,
    '-nodes',
    '-passin',
    `env:${PASS_VAR}`,
    ...(legacy ? ['-legacy'] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'openssl',
      args,
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', [PASS_VAR]: passphrase }, maxBuffer: 8 << 20 },
      (err, stdout, stderr) =>
        err ? reject(new Error(String(stderr).split('\n')[0] || err.message)) : resolve(stdout),
    );
  });
}

/** The private key and certificates of a PKCS#12 file, the certificate matching the key first. */
export async function readPkcs12(
  file: string,
  passphrase: string,
): Promise<{ key: KeyObject; certs: Uint8Array[] }> {
  let out: string;
  try {
    out = await runPkcs12(file, passphrase, false).catch(() => runPkcs12(file, passphrase, true));
  } catch (e) {
    const msg = (e as Error).message;
    const hint = /mac verify|invalid password|bad decrypt/i.test(msg)
      ? 'wrong passphrase or damaged file'
      : msg;
    throw new AppError('INPUT', `${file}: cannot open the PKCS#12 file: ${hint}`, { cause: e });
  }
  const keyPem =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(out);
  if (!keyPem) throw new AppError('INPUT', `${file}: the PKCS#12 file holds no private key`);
  const key = createPrivateKey({ key: keyPem[0], format: 'pem' });
  const certs = pemBlocks(out, 'CERTIFICATE');
  const leafIndex = certs.findIndex((c) => new X509Certificate(Buffer.from(c)).checkPrivateKey(key));
  if (leafIndex < 0)
    throw new AppError('INPUT', `${file}: no certificate in the PKCS#12 file matches its key`);
  const leaf = certs[leafIndex] as Uint8Array;
  return { key, certs: [leaf, ...certs.filter((_, i) => i !== leafIndex)] };
}
