// `demo`: the embedded example cluster, its scripted Git history and a throwaway demo key -> a signed bundle.
// The demo is a fixed point: with one SOURCE_DATE_EPOCH, two runs write byte-identical bundles.
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import {
  buildDemoGitHistory,
  DEMO_GIT_PATHS,
  DEMO_HISTORY_CLOCK,
  DEMO_KEYS_DIR,
} from '../../demo/git-history.js';
import { daysBetween, shiftQuotedDates } from '../../demo/shift-dates.js';
import { defaultEngines } from '../../run/engines.js';
import { runReport } from '../../run/report-run.js';
import { OUTPUT_FORMATS } from '../../run/report-options.js';
import { safeName } from '../../store/bundle-writer.js';
import { PACKAGE_ROOT } from '../../version.js';
import type { CliContext } from '../context.js';

interface DemoArgs {
  out: string;
}

export const DEMO_SOURCE_NAME = 'acme-pay-demo';

const DEMO_CERT = 'demo-signer.pem';
const DAY = 86_400_000;

/**
 * The fixed throwaway demo signer (RSA, whose PKCS#1 v1.5 signatures are deterministic), copied with mode 0600
 * because a signing key others can read is refused. Its certificate is also put beside the demo bundles, so
 * the printed verify command works from there.
 */
async function demoSigner(
  keysDir: string,
  work: string,
  clusterDir: string,
): Promise<{ key: string; cert: string }> {
  const key = path.join(work, 'demo-signer-key.pem');
  await copyFile(path.join(keysDir, 'demo-signer-key.pem'), key);
  await chmod(key, 0o600);
  await mkdir(clusterDir, { recursive: true });
  await copyFile(path.join(keysDir, DEMO_CERT), path.join(clusterDir, DEMO_CERT));
  return { key, cert: path.join(keysDir, DEMO_CERT) };
}

/** A copy of an example file with its dates moved to follow the report's clock. */
async function shiftedCopy(file: string, work: string, days: number): Promise<string> {
  const out = path.join(work, path.basename(file));
  await writeFile(out, shiftQuotedDates(await readFile(file, 'utf8'), days));
  return out;
}

export function demoCommand(ctx: CliContext): CommandModule<object, DemoArgs> {
  return {
    command: 'demo',
    describe: 'Write the demo bundle of the embedded example cluster (signed with a throwaway demo key)',
    builder: (y: Argv) =>
      y
        .option('out', { type: 'string', default: 'reports', describe: 'Output folder' })
        .example(
          '$0 demo',
          'write reports/acme-pay-demo/<time>/ and print its path',
        ) as unknown as Argv<DemoArgs>,
    handler: async (argv) => {
      const examples = path.join(PACKAGE_ROOT, 'examples');
      const keysDir = path.join(PACKAGE_ROOT, ...DEMO_KEYS_DIR);
      const work = await mkdtemp(path.join(os.tmpdir(), 'netpol-evidence-demo-'));
      try {
        const now = ctx.now();
        const clusterDir = path.join(argv.out, safeName(DEMO_SOURCE_NAME));
        const signer = await demoSigner(keysDir, work, clusterDir);
        const git = await buildDemoGitHistory(
          path.join(work, 'git'),
          path.join(examples, 'demo', 'cluster', 'policies'),
          { now: DEMO_HISTORY_CLOCK, keysDir },
        );
        const shift = daysBetween(DEMO_HISTORY_CLOCK, now);
        const moved = shift === 0 ? '' : ` (dates moved ${shift} days with the report's clock)`;
        // The period reaches back to the scripted history whatever the date, so its change evidence stays.
        const since = new Date(Math.min(now.getTime(), DEMO_HISTORY_CLOCK.getTime()) - 90 * DAY);
        const result = await runReport(
          {
            source: { manifests: [path.join(examples, 'demo', 'cluster')], sourceName: DEMO_SOURCE_NAME },
            outDir: argv.out,
            formats: new Set(OUTPUT_FORMATS),
            frameworks: ['soc2', 'iso27001', 'gdpr'],
            organisation: 'Acme Pay Ltd (example organisation)',
            period: { since, until: now },
            signing: { mode: 'pem', key: signer.key, cert: signer.cert },
            git: {
              repo: git.repoDir,
              repoName: 'acme-pay/gitops (scripted by netpol-evidence demo)',
              paths: [...DEMO_GIT_PATHS],
              ...(git.allowedSigners ? { allowedSigners: git.allowedSigners } : {}),
            },
            inventory: await shiftedCopy(path.join(examples, 'inventory.yaml'), work, shift),
            exceptions: await shiftedCopy(path.join(examples, 'exceptions.yaml'), work, shift),
            shownAs: {
              inventory: `examples/inventory.yaml${moved}`,
              exceptions: `examples/exceptions.yaml${moved}`,
              tempDir: work,
            },
            // A day of synthetic Hubble flows as an enforcing CNI would report them: the Enforcement section.
            flows: [path.join(examples, 'demo', 'flows')],
            controls: [],
            maxDocumentAgeDays: 365,
          },
          ctx,
          defaultEngines,
        );
        ctx.log.info('demo bundle written', {
          verify: `npx netpol-evidence verify ${result.bundleDir} --ca ${path.join(clusterDir, DEMO_CERT)} --chain`,
        });
        ctx.out(result.bundleDir);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
