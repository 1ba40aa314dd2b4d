// `demo`: the embedded example cluster, its scripted Git history and a throwaway demo key -> a signed bundle.
import { mkdtemp, rm, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { buildDemoGitHistory, DEMO_GIT_PATHS } from '../../demo/git-history.js';
import { defaultEngines } from '../../run/engines.js';
import { runReport } from '../../run/report-run.js';
import { OUTPUT_FORMATS } from '../../run/report-options.js';
import { createKeyPair } from '../../sign/index.js';
import { PACKAGE_ROOT } from '../../version.js';
import type { CliContext } from '../context.js';

interface DemoArgs {
  out: string;
}

export const DEMO_SOURCE_NAME = 'acme-pay-demo';

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
      const work = await mkdtemp(path.join(os.tmpdir(), 'netpol-evidence-demo-'));
      try {
        const now = ctx.now();
        const keys = await createKeyPair(path.join(work, 'keys'), {
          algorithm: 'ecdsa',
          commonName: 'Acme Pay demo signer',
          demo: true,
          // Valid from a day before the report's clock, so a SOURCE_DATE_EPOCH in the past still verifies.
          notBefore: new Date(now.getTime() - 86_400_000),
        });
        const git = await buildDemoGitHistory(
          path.join(work, 'git'),
          path.join(examples, 'demo', 'cluster', 'policies'),
          { now },
        );
        const result = await runReport(
          {
            source: { manifests: [path.join(examples, 'demo', 'cluster')], sourceName: DEMO_SOURCE_NAME },
            outDir: argv.out,
            formats: new Set(OUTPUT_FORMATS),
            frameworks: ['soc2', 'iso27001', 'gdpr'],
            organisation: 'Acme Pay Ltd (example organisation)',
            period: { since: new Date(now.getTime() - 90 * 86_400_000), until: now },
            signing: { mode: 'pem', key: keys.keyPath, cert: keys.certPath },
            git: {
              repo: git.repoDir,
              paths: [...DEMO_GIT_PATHS],
              ...(git.allowedSigners ? { allowedSigners: git.allowedSigners } : {}),
            },
            inventory: path.join(examples, 'inventory.yaml'),
            exceptions: path.join(examples, 'exceptions.yaml'),
            controls: [],
            maxDocumentAgeDays: 365,
          },
          ctx,
          defaultEngines,
        );
        // Keep the demo signer's certificate beside the bundles so `verify --ca` can be tried.
        await mkdir(path.dirname(result.bundleDir), { recursive: true });
        await copyFile(keys.certPath, path.join(path.dirname(result.bundleDir), 'demo-signer.pem'));
        ctx.log.info('demo bundle written', {
          verify: `netpol-evidence verify ${result.bundleDir} --ca ${path.join(path.dirname(result.bundleDir), 'demo-signer.pem')}`,
        });
        ctx.out(result.bundleDir);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
