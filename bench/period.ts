// Benchmark of `period` over a year of daily signed bundles of the demo cluster (made by the real report
// pipeline, json only): medians of 3 runs of the whole period run (verify every bundle, digest, aggregate,
// render period.json + period.html, sign, store), as a ratio to a baseline measured in the same run:
// reading and JSON.parse-ing every evidence.json. Usage: node dist/bench/period.js [days=365]
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { silentLogger } from '../src/model/log.js';
import { runPeriod } from '../src/run/period-run.js';
import { listBundles } from '../src/sign/manifest.js';
import { makeBundleSeries } from '../test/helpers/bundle-series.js';

const RUNS = 3;
const START = '2025-01-01';

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const days = Number(process.argv[2] ?? 365);
  const t0 = performance.now();
  const series = await makeBundleSeries({
    start: START,
    days,
    signed: true,
    script: {
      [Math.floor(days / 3)]: (w) => w.removePolicy('web', 'default-deny'),
      [Math.floor(days / 3) + 3]: (w) => w.restorePolicy('web', 'default-deny'),
      [Math.floor(days / 2)]: (w) =>
        w.editManifest('policies/postgres.yaml', 'app: order-api', 'app: orders-api'),
    },
  });
  const genMs = performance.now() - t0;
  const names = await listBundles(series.clusterDir);
  let bytes = 0;
  for (const n of names) bytes += (await readFile(path.join(series.clusterDir, n, 'evidence.json'))).length;
  const until = new Date(Date.parse(`${START}T23:59:59Z`) + (days - 1) * 86_400_000);
  const baseline: number[] = [];
  const period: number[] = [];
  let summary = '';
  for (let i = 0; i < RUNS; i++) {
    baseline.push(
      await timed(async () => {
        for (const n of names)
          JSON.parse(await readFile(path.join(series.clusterDir, n, 'evidence.json'), 'utf8'));
      }),
    );
    const out = path.join(series.root, `period-${i}`);
    period.push(
      await timed(async () => {
        const r = await runPeriod(
          {
            bundlesDir: series.out,
            since: new Date(`${START}T00:00:00Z`),
            until,
            ca: series.ca as string,
            outDir: out,
            formats: new Set(['json', 'html']),
            signing: {
              mode: 'pem',
              key: series.key?.keyPath as string,
              cert: series.key?.certPath as string,
            },
          },
          { now: () => new Date(until.getTime() + 3_600_000), log: silentLogger, env: {} },
          { pdf: { render: () => Promise.reject(new Error('no PDF in the bench')) } },
        );
        const s = r.reports[0]?.report.summary;
        summary = `${s?.daysCovered}/${s?.days} days covered, ${s?.bundlesCounted} bundles counted`;
      }),
    );
    await rm(out, { recursive: true, force: true });
  }
  const b = median(baseline);
  const p = median(period);
  process.stdout.write(
    [
      `bundles: ${names.length} daily bundles (signed, json only), evidence.json ${(bytes / names.length / 1024).toFixed(0)} KiB each, generated in ${(genMs / 1000).toFixed(1)} s`,
      `baseline (read + JSON.parse every evidence.json): median ${b.toFixed(0)} ms of ${RUNS} [${baseline.map((x) => x.toFixed(0)).join(', ')}]`,
      `period run (verify all, digest, aggregate, json+html, sign, store): median ${p.toFixed(0)} ms of ${RUNS} [${period.map((x) => x.toFixed(0)).join(', ')}]`,
      `ratio period/baseline: ${(p / b).toFixed(1)}x; ${summary}`,
      '',
    ].join('\n'),
  );
  await series.cleanup();
}

await main();
