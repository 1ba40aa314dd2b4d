// Benchmark of the reachability engine on synthetic clusters: medians of 5 runs, ratios to a same-run baseline.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyzeReachability } from '../src/analyze/reachability/index.js';
import { generateCluster, SIZES } from './generate-cluster.js';

const RUNS = 5;
type SizeName = keyof typeof SIZES;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(f: () => unknown): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** One size, in this process: prints one JSON line (run in a child so peak RSS belongs to that size alone). */
function runOne(name: SizeName): void {
  const size = SIZES[name];
  const snapshot = generateCluster(size);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const base: number[] = [];
  const engine: number[] = [];
  let pairs = 0;
  let classes = 0;
  for (let i = 0; i < RUNS; i++) {
    // Baseline: what merely copying the snapshot costs on this machine right now.
    base.push(time(() => JSON.parse(JSON.stringify(snapshot))));
    gc?.();
    engine.push(
      time(() => {
        const c = analyzeReachability(snapshot);
        pairs = c.namespaces?.workloadPairs ?? 0;
        classes = c.peers.length;
      }),
    );
    gc?.();
  }
  const out = {
    size: name,
    namespaces: snapshot.namespaces.length,
    pods: snapshot.pods.length,
    policies: snapshot.networkPolicies.length,
    peers: classes,
    workloadPairs: pairs,
    medianMs: Math.round(median(engine)),
    baselineMs: Math.round(median(base)),
    ratio: Number((median(engine) / median(base)).toFixed(2)),
    rssBeforeMB: Math.round(rssBefore / 2 ** 20),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function main(): void {
  const argv = process.argv.slice(2);
  const child = argv.indexOf('--child');
  if (child >= 0) return runOne(argv[child + 1] as SizeName);
  const i = argv.indexOf('--size');
  const pick = i >= 0 ? argv[i + 1] : 'all';
  const names: SizeName[] = pick === 'all' ? ['small', 'large'] : [pick as SizeName];
  for (const n of names) {
    if (!(n in SIZES)) throw new Error(`--size must be small, large or all (got ${n})`);
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', n],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
    const res = JSON.parse(r.stdout) as Record<string, number | string>;
    process.stdout.write(
      `${n}: ${res.pods} pods / ${res.namespaces} namespaces / ${res.policies} policies, ${res.peers} peers: ` +
        `median ${res.medianMs} ms over ${RUNS} runs (baseline JSON copy ${res.baselineMs} ms, ratio ${res.ratio}), ` +
        `peak RSS ${res.peakRssMB} MB (snapshot alone ${res.rssBeforeMB} MB), ${res.workloadPairs} allowed workload pairs\n`,
    );
  }
}

main();
