// `demo`: the embedded example cluster, its scripted Git history and a throwaway demo key -> a signed bundle.
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { buildDemoGitHistory, DEMO_GIT_PATHS } from '../../demo/git-history.js';
import { defaultEngines } from '../../run/engines.js';
import { runReport } from '../../run/report-run.js';
import { OUTPUT_FORMATS } from '../../run/report-options.js';
import { createKeyPair, loadSigner } from '../../sign/index.js';
import { safeName } from '../../store/bundle-writer.js';
import { PACKAGE_ROOT } from '../../version.js';
import type { CliContext } from '../context.js';

interface DemoArgs {
  out: string;
}

export const DEMO_SOURCE_NAME = 'acme-pay-demo';

const DEMO_CERT = 'demo-signer.pem';
const DEMO_KEY = '.demo-signer-key.pem';
const DAY = 86_400_000;

/**
 * The throwaway demo key, kept beside the demo bundles so every demo run signs with the same key: then each
 * bundle verifies with demo-signer.pem and the runs form one hash chain. A new key is made the first time,
 * or when the kept one is not valid at this run's time (SOURCE_DATE_EPOCH may set it in the past).
 */
async function demoKeys(
  clusterDir: string,
  work: string,
  now: Date,
): Promise<{ keyPath: string; certPath: string }> {
  const kept = { keyPath: path.join(clusterDir, DEMO_KEY), certPath: path.join(clusterDir, DEMO_CERT) };
  try {
    const signer = await loadSigner({ key: kept.keyPath, cert: kept.certPath, env: {} });
    if (new Date(signer.info.notBefore) <= now && now <= new Date(signer.info.notAfter)) return kept;
  } catch {
    // no usable kept key: make one
  }
  return createKeyPair(path.join(work, 'keys'), {
    algorithm: 'ecdsa',
    commonName: 'Acme Pay demo signer',
    demo: true,
    // Valid from a year before the report's clock, so demos with an earlier SOURCE_DATE_EPOCH still verify.
    notBefore: new Date(now.getTime() - 365 * DAY),
    days: 5 * 365,
  });
}

async function keepDemoKeys(clusterDir: string, keys: { keyPath: string; certPath: string }): Promise<void> {
  const cert = path.join(clusterDir, DEMO_CERT);
  const key = path.join(clusterDir, DEMO_KEY);
  if (keys.certPath === cert) return;
  await mkdir(clusterDir, { recursive: true });
  await copyFile(keys.certPath, cert);
  await copyFile(keys.keyPath, key);
  await chmod(key, 0o600);
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
      const work = await mkdtemp(path.join(os.tmpdir(), 'netpol-evidence-demo-'));
      try {
        const now = ctx.now();
        const clusterDir = path.join(argv.out, safeName(DEMO_SOURCE_NAME));
        const keys = await demoKeys(clusterDir, work, now);
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
        await keepDemoKeys(clusterDir, keys);
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
