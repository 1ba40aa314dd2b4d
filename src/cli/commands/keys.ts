// `keys create --out DIR`: a self-signed key pair for trying signing out; reports name it as self-signed.
import type { Argv, CommandModule } from 'yargs';
import { createKeyPair } from '../../sign/index.js';

interface CreateArgs {
  out: string;
  algorithm: 'ecdsa' | 'rsa';
  cn: string;
  days: number;
  demo: boolean;
}

function createCommand(ctx: {
  out: (line: string) => void;
  now?: () => Date;
}): CommandModule<object, CreateArgs> {
  return {
    command: 'create',
    describe: 'Create a self-signed signing key (key.pem, mode 0600) and certificate (cert.pem)',
    builder: (y: Argv) =>
      y
        .option('out', {
          type: 'string',
          demandOption: true,
          describe: 'Folder to write key.pem and cert.pem into',
        })
        .option('algorithm', {
          choices: ['ecdsa', 'rsa'] as const,
          default: 'ecdsa' as const,
          describe: 'ECDSA P-256 or RSA 3072',
        })
        .option('cn', {
          alias: 'common-name',
          type: 'string',
          default: 'netpol-evidence signer',
          describe: 'Certificate common name',
        })
        .option('days', { type: 'number', default: 365, describe: 'Validity in days' })
        .option('demo', {
          type: 'boolean',
          default: false,
          describe:
            'Mark the certificate as a throwaway demo key (reports then say it is not audit evidence). Without it, reports say the signer is self-signed',
        }) as unknown as Argv<CreateArgs>,
    handler: async (argv) => {
      const made = await createKeyPair(argv.out, {
        algorithm: argv.algorithm,
        commonName: argv.cn,
        demo: argv.demo,
        days: argv.days,
        ...(ctx.now ? { notBefore: ctx.now() } : {}),
      });
      ctx.out(made.keyPath);
      ctx.out(made.certPath);
      ctx.out(`sign with: --sign-key ${made.keyPath} --sign-cert ${made.certPath}`);
      ctx.out(`verify with: npx netpol-evidence verify BUNDLE --ca ${made.certPath}`);
    },
  };
}

/** `keys` groups key management; today only `create`. */
export function keysCommand(ctx: {
  out: (line: string) => void;
  now?: () => Date;
}): CommandModule<object, object> {
  return {
    command: 'keys <command>',
    describe: 'Manage signing keys',
    builder: (y: Argv) =>
      y
        .command(createCommand(ctx) as never)
        .demandCommand(1, 'Choose a keys command: create')
        .example('$0 keys create --out ./signing', 'make a self-signed ECDSA P-256 key pair to try signing'),
    handler: () => undefined,
  };
}
