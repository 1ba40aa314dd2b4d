// Loads the signing key: PEM key + certificate (+ chain), or PKCS#12 with its passphrase from an env var.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../model/errors.js';
import { signCmsDetached } from './cms-sign.js';
import { readPkcs12 } from './pkcs12.js';
import { describeCertificate, keyAlgorithm, parseCertificate, pemBlocks, toCryptoKey } from './pki.js';
import type { Signer } from './types.js';

export interface LoadSignerOptions {
  key?: string;
  cert?: string;
  chain?: string;
  p12?: string;
  passphraseEnv?: string;
  env: NodeJS.ProcessEnv;
}

/** A private key readable by group or others is refused: the CronJob Secret should be mounted 0400/0600. */
export async function assertPrivateFile(file: string, where = file): Promise<void> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (e) {
    throw new AppError(
      'INPUT',
      `${where}: cannot read the key file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: e },
    );
  }
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    throw new AppError(
      'INPUT',
      `${where}: private key is readable by group or others (mode ${octal}); run: chmod 600 '${file}'`,
    );
  }
}

async function readText(file: string, what: string, where = file): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError(
      'INPUT',
      `${where}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: e },
    );
  }
}

function parsePrivateKey(pem: string, file: string): KeyObject {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)) {
    throw new AppError(
      'INPUT',
      `${file}: encrypted PEM keys are not supported; use --sign-p12 with --sign-passphrase-env`,
    );
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new AppError('INPUT', `${file}: not a PEM private key (PKCS#8, RSA or EC)`, { cause: e });
  }
}

function certsFrom(pem: string, file: string): Uint8Array[] {
  const blocks = pemBlocks(pem, 'CERTIFICATE');
  if (blocks.length === 0) throw new AppError('INPUT', `${file}: no PEM certificate found`);
  return blocks;
}

/** Builds a Signer after checking the key belongs to the certificate. */
async function makeSigner(
  key: KeyObject,
  certs: Uint8Array[],
  keyWhere: string,
  certWhere: string,
): Promise<Signer> {
  const [leafDer, ...chainDer] = certs;
  if (!leafDer) throw new AppError('INPUT', `${certWhere}: no certificate`);
  const algorithm = keyAlgorithm(key, keyWhere);
  const leaf = parseCertificate(leafDer, certWhere);
  const chain = chainDer.map((d) => parseCertificate(d, certWhere));
  const x = new X509Certificate(Buffer.from(leafDer));
  if (!x.checkPrivateKey(key)) {
    throw new AppError(
      'INPUT',
      `${keyWhere}: the private key does not match the certificate in ${certWhere}`,
    );
  }
  const privateKey = await toCryptoKey(key, algorithm);
  return {
    info: describeCertificate(leafDer, algorithm),
    signDetached: (data, opts) => signCmsDetached({ privateKey, cert: leaf, chain }, data, opts),
  };
}

/** The one entry point the run uses to get a Signer from CLI flags. */
export async function loadSigner(opts: LoadSignerOptions): Promise<Signer> {
  if (opts.p12) {
    if (opts.key || opts.cert)
      throw new AppError('USAGE', 'give either --sign-p12 or --sign-key/--sign-cert, not both');
    await assertPrivateFile(opts.p12, `--sign-p12 ${opts.p12}`);
    const passphrase = opts.passphraseEnv ? opts.env[opts.passphraseEnv] : '';
    if (opts.passphraseEnv && passphrase === undefined) {
      throw new AppError(
        'INPUT',
        `environment variable ${opts.passphraseEnv} (named by --sign-passphrase-env) is not set`,
      );
    }
    const parts = await readPkcs12(opts.p12, passphrase ?? '');
    const chainWhere = `--sign-chain ${opts.chain ?? ''}`;
    const chainPem = opts.chain ? await readText(opts.chain, 'certificate chain', chainWhere) : '';
    const extra = opts.chain ? certsFrom(chainPem, chainWhere) : [];
    return makeSigner(parts.key, [...parts.certs, ...extra], opts.p12, opts.p12);
  }
  if (!opts.key || !opts.cert) {
    throw new AppError('USAGE', 'signing needs --sign-key and --sign-cert, or --sign-p12');
  }
  const keyWhere = `--sign-key ${opts.key}`;
  const certWhere = `--sign-cert ${opts.cert}`;
  const keyText = await readText(opts.key, 'private key', keyWhere);
  const certText = await readText(opts.cert, 'certificate', certWhere);
  assertNotSwapped(keyText, certText, opts.key, opts.cert);
  await assertPrivateFile(opts.key, keyWhere);
  const key = parsePrivateKey(keyText, keyWhere);
  const certs = certsFrom(certText, certWhere);
  const chainWhere = `--sign-chain ${opts.chain ?? ''}`;
  const chain = opts.chain
    ? certsFrom(await readText(opts.chain, 'certificate chain', chainWhere), chainWhere)
    : [];
  return makeSigner(key, [...certs, ...chain], keyWhere, certWhere);
}

const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;
const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----/;

/** The commonest signing mistake: key and certificate given the other way round. Say so plainly. */
function assertNotSwapped(keyText: string, certText: string, keyFile: string, certFile: string): void {
  const keyIsCert = CERTIFICATE_PEM.test(keyText) && !PRIVATE_KEY_PEM.test(keyText);
  const certIsKey = PRIVATE_KEY_PEM.test(certText) && !CERTIFICATE_PEM.test(certText);
  const swapped = keyIsCert && certIsKey ? ' (--sign-key and --sign-cert look swapped)' : '';
  if (keyIsCert)
    throw new AppError(
      'USAGE',
      `--sign-key ${keyFile}: ${keyFile} is a certificate, not a private key${swapped}`,
    );
  if (certIsKey)
    throw new AppError('USAGE', `--sign-cert ${certFile}: ${certFile} is a private key, not a certificate`);
}
