// Signing flags shared by `report` and `period`, resolved once into SigningOptions.
import type { Argv } from 'yargs';
import { AppError } from '../model/errors.js';
import type { SigningOptions } from '../run/report-options.js';

export interface SigningFlags {
  'sign-key'?: string;
  'sign-cert'?: string;
  'sign-chain'?: string;
  'sign-p12'?: string;
  'sign-passphrase-env'?: string;
  'tsa-url'?: string;
  unsigned?: boolean;
}

export function signingOptions<T>(y: Argv<T>, what = 'report'): Argv<T & SigningFlags> {
  return y
    .option('sign-key', { type: 'string', describe: 'Signing key (PEM, mode 0600)', group: 'Signing:' })
    .option('sign-cert', { type: 'string', describe: "Signer's certificate (PEM)", group: 'Signing:' })
    .option('sign-chain', { type: 'string', describe: 'Intermediate certificates (PEM)', group: 'Signing:' })
    .option('sign-p12', { type: 'string', describe: 'Key and certificate as PKCS#12', group: 'Signing:' })
    .option('sign-passphrase-env', {
      type: 'string',
      describe:
        'Name of the environment variable holding the PKCS#12 passphrase (never the passphrase itself)',
      group: 'Signing:',
    })
    .option('tsa-url', {
      type: 'string',
      describe: 'RFC 3161 timestamp authority to timestamp the signatures',
      group: 'Signing:',
    })
    .option('unsigned', {
      type: 'boolean',
      describe: `Write an unsigned ${what} (it says so on its cover)`,
      group: 'Signing:',
    }) as unknown as Argv<T & SigningFlags>;
}

/** A run without a key fails (exit 2) unless --unsigned is given. */
export function resolveSigning(a: SigningFlags): SigningOptions {
  const pem = a['sign-key'] || a['sign-cert'];
  if (a.unsigned && (pem || a['sign-p12']))
    throw new AppError('USAGE', '--unsigned cannot be combined with --sign-key/--sign-cert/--sign-p12');
  if (a.unsigned) return { mode: 'unsigned' };
  if (a['sign-p12']) {
    if (pem) throw new AppError('USAGE', 'give either --sign-p12 or --sign-key with --sign-cert, not both');
    return {
      mode: 'p12',
      p12: a['sign-p12'],
      ...(a['sign-passphrase-env'] ? { passphraseEnv: a['sign-passphrase-env'] } : {}),
    };
  }
  if (a['sign-key'] && a['sign-cert'])
    return {
      mode: 'pem',
      key: a['sign-key'],
      cert: a['sign-cert'],
      ...(a['sign-chain'] ? { chain: a['sign-chain'] } : {}),
    };
  if (pem) throw new AppError('USAGE', '--sign-key and --sign-cert go together');
  throw new AppError(
    'USAGE',
    'no signing key: give --sign-key KEY.pem --sign-cert CERT.pem (or --sign-p12 FILE), or --unsigned for an unsigned report. `netpol-evidence keys create --out DIR` makes a key to try it out.',
  );
}
