// Benchmark of live collection: a loopback HTTPS API server serves a synthetic cluster; medians of 3 runs of
// wall time and peak RSS of the collecting process, as ratios to plain paged HTTPS GETs of the same pages.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { collectClusterSnapshot } from '../src/collect/cluster/index.js';
import { REQUIRED_RESOURCES, listPath } from '../src/collect/cluster/resources.js';
import { silentLogger } from '../src/model/log.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { startApiServer } from '../test/helpers/api-server/index.js';
import { generateRawCluster, SIZES } from './generate-cluster.js';

const RUNS = 3;
const PAGE = 500;
type SizeName = keyof typeof SIZES;
type Mode = 'collect' | 'baseline';

interface ChildResult {
  readonly mode: Mode;
  readonly ms: number;
  readonly peakRssMB: number;
  readonly objects: number;
  /** Heap still in use after a full GC with the result held: what the snapshot itself costs. */
  readonly retainedMB: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function getJson(kc: KubeConfig, url: string): Promise<Record<string, unknown>> {
  const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    https
      .get(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Baseline: the same pages fetched and parsed, nothing converted or kept. */
async function plainGets(kubeconfig: string): Promise<number> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const server = kc.getCurrentCluster()?.server ?? '';
  let objects = 0;
  for (const t of REQUIRED_RESOURCES) {
    let cont: string | undefined;
    do {
      const q = new URLSearchParams({ limit: String(PAGE), ...(cont ? { continue: cont } : {}) });
      const page = await getJson(kc, `${server}${listPath(t)}?${q.toString()}`);
      objects += (page.items as unknown[]).length;
      const meta = page.metadata as { continue?: string };
      cont = meta.continue || undefined;
    } while (cont);
  }
  return objects;
}

/** One measurement in this (child) process: prints one JSON line. */
async function runChild(mode: Mode, kubeconfig: string): Promise<void> {
  const t = process.hrtime.bigint();
  let objects: number;
  let snapshot: Snapshot | undefined;
  if (mode === 'collect') {
    snapshot = await collectClusterSnapshot({
      kubeconfig,
      now: () => new Date(0),
      log: silentLogger,
      env: {},
    });
    objects = Object.values(snapshot.collection.counts).reduce((a, n) => a + n, 0);
  } else objects = await plainGets(kubeconfig);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  (globalThis as { gc?: () => void }).gc?.();
  const retainedMB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  const out: ChildResult = { mode, ms, peakRssMB, objects, retainedMB };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  if (snapshot && snapshot.pods.length < 0) process.stdout.write('unreachable: keeps the snapshot alive\n');
}

function child(mode: Mode, kubeconfig: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, kubeconfig],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ChildResult)
        : reject(new Error(`${mode} child exited ${code}`)),
    );
  });
}

async function runSize(name: SizeName): Promise<void> {
  const raw = generateRawCluster(SIZES[name]);
  const objects = [
    ...raw.namespaces,
    ...raw.deployments,
    ...raw.replicaSets,
    ...raw.pods,
    ...raw.networkPolicies,
  ];
  const server = await startApiServer({ objects });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-bench-collect-'));
  try {
    const kubeconfig = await server.kubeconfigPath(dir);
    const runs: Record<Mode, ChildResult[]> = { collect: [], baseline: [] };
    for (let i = 0; i < RUNS; i++)
      for (const mode of ['baseline', 'collect'] as const) runs[mode].push(await child(mode, kubeconfig));
    const m = (mode: Mode, k: 'ms' | 'peakRssMB'): number => median(runs[mode].map((r) => r[k]));
    const pages = server.requests.filter((r) => r.query.limit !== undefined).length / (2 * RUNS);
    process.stdout.write(
      `${name}: ${raw.pods.length} pods, ${objects.length} objects, ${pages} pages of ${PAGE} per run; ` +
        `collect median ${Math.round(m('collect', 'ms'))} ms, peak RSS ${m('collect', 'peakRssMB')} MB; ` +
        `heap after GC holding the snapshot ${median(runs.collect.map((r) => r.retainedMB))} MB; ` +
        `baseline (paged GETs, parse only) ${Math.round(m('baseline', 'ms'))} ms, ${m('baseline', 'peakRssMB')} MB; ` +
        `ratio time ${(m('collect', 'ms') / m('baseline', 'ms')).toFixed(2)}, ` +
        `RSS ${(m('collect', 'peakRssMB') / m('baseline', 'peakRssMB')).toFixed(2)} ` +
        `(objects read: ${runs.collect[0]?.objects} collect / ${runs.baseline[0]?.objects} baseline)\n`,
    );
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const c = argv.indexOf('--child');
  if (c >= 0) return runChild(argv[c + 1] as Mode, argv[c + 2] as string);
  const i = argv.indexOf('--size');
  const pick = i >= 0 ? argv[i + 1] : 'large';
  const names: SizeName[] = pick === 'all' ? ['small', 'large'] : [pick as SizeName];
  for (const n of names) {
    if (!(n in SIZES)) throw new Error(`--size must be small, large or all (got ${n})`);
    await runSize(n);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
