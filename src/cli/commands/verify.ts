// `verify BUNDLE [--ca FILE] [--chain]`: what an auditor runs; one line per check, exit 0 only if all hold.
import type { Argv, CommandModule } from 'yargs';
import path from 'node:path';
import { AppError } from '../../model/errors.js';
import { verifyBundle } from '../../sign/index.js';
import { listBundles } from '../../sign/manifest.js';
import { checkLocker } from '../../store/locker/check.js';

interface VerifyArgs {
  bundle: string;
  ca?: string;
  chain: boolean;
  'accept-retention-cut': boolean;
  'tsa-ca'?: string;
  'require-timestamp': boolean;
  locker?: string;
}

/** `out` writes one line to stdout (main passes process.stdout; tests collect the lines). */
export function verifyCommand(ctx: { out: (line: string) => void }): CommandModule<object, VerifyArgs> {
  return {
    command: 'verify <bundle>',
    describe: 'Verify a bundle: manifest signature and trust, every file, the PDF signature, and the chain',
    builder: (y: Argv) =>
      y
        .positional('bundle', {
          type: 'string',
          demandOption: true,
          describe: 'Bundle folder (holds manifest.json)',
        })
        .option('ca', {
          type: 'string',
          describe:
            'Trust anchor (PEM): the signer certificate itself if self-signed, or the CA that issued it',
        })
        .option('chain', {
          type: 'boolean',
          default: false,
          describe: 'Also check the hash chain of every earlier bundle in the same cluster folder',
        })
        .option('tsa-ca', {
          type: 'string',
          describe:
            'Trust anchor (PEM) of the RFC 3161 timestamp authority; without it timestamps are shown as unverified and never trusted',
        })
        .option('require-timestamp', {
          type: 'boolean',
          default: false,
          describe:
            'Accept no signer-asserted signing time: every signature needs a timestamp verified against --tsa-ca',
        })
        .option('accept-retention-cut', {
          type: 'boolean',
          default: false,
          describe:
            'With --chain: accept a chain that ends where retention pruned older bundles (recorded in the unsigned chain-anchor.json)',
        })
        .option('locker', {
          type: 'string',
          describe:
            'With --chain: the evidence locker (URL or path) the runs pushed to; the folder’s newest bundle must be its newest (deleted bundles show here)',
        })
        .example(
          '$0 verify reports/prod/2026-01-15T10-00-00Z --ca signer-ca.pem --chain',
          'full check',
        ) as unknown as Argv<VerifyArgs>,
    handler: async (argv) => {
      if (argv.locker !== undefined && !argv.chain)
        throw new AppError(
          'USAGE',
          '--locker checks the chain against the evidence locker: give --chain too',
        );
      const report = await verifyBundle(argv.bundle, {
        ...(argv.ca ? { ca: argv.ca } : {}),
        chain: argv.chain,
        acceptRetentionCut: argv['accept-retention-cut'],
        ...(argv['tsa-ca'] ? { tsaCa: argv['tsa-ca'] } : {}),
        requireTimestamp: argv['require-timestamp'],
      });
      if (argv.locker !== undefined) {
        const clusterDir = path.dirname(path.resolve(argv.bundle));
        report.checks.push(
          ...(await checkLocker({
            locker: argv.locker,
            clusterDir,
            localBundles: await listBundles(clusterDir),
            env: process.env,
          })),
        );
      }
      for (const c of report.checks) ctx.out(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      const failed = report.checks.filter((c) => !c.ok);
      if (failed.length > 0) {
        const names = failed.map((c) => c.name).join(', ');
        throw new AppError(
          'VERIFY_FAILED',
          `${argv.bundle} did not verify (${failed.length} failed: ${names})`,
        );
      }
      ctx.out(`verified: ${report.checks.length} checks passed`);
    },
  };
}
