// The whole pipeline across cluster sizes (1,000 -> 150,000 pods), as a CronJob runs it: the built CLI
// against the loopback HTTPS API server. Per size, medians of wall time and peak RSS (GNU time) of
// `snapshot` (the same-run baseline: collection only) and of `report --formats json,html,csv`, and the ratio.
// Then offline: a JSON-only report from manifests against a bare read + JSON.parse of the same files, and
// one 50 MB manifest file (YAML and JSON) read by `snapshot --manifests`.
// Wall time and CPU seconds are both printed: on a shared machine the CPU ratio is the steadier one.
// Usage: node dist/bench/sweep.js [--sizes 1000,9000,45000,150000] [--runs 3] [--big-runs 1] [--pdf]
//   --node-options '--max-old-space-size=1024' runs the CLI as deploy/cronjob.yaml does (heap capped).
//   --pdf also prints a PDF report's extra time and Chromium's peak PSS (its memory is not in Node's RSS).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { startApiServer } from '../test/helpers/api-server/index.js';
import { generateRawCluster, type ClusterSize, type RawCluster } from './generate-cluster.js';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const TIME = '/usr/bin/time';
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};

interface Run {
  readonly ms: number;
  readonly rssMB: number;
  /** User + system CPU seconds (GNU time): steadier than wall time on a shared machine. */
  readonly cpuS: number;
  /** Peak PSS of the CLI's child processes (Chromium), when sampled. */
  readonly childMB: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** 10,000 namespaces x 15 pods and 26,670 policies at 150,000 pods, scaled down alike. */
export function sweepSize(pods: number): ClusterSize {
  const namespaces = Math.max(1, Math.round(pods / 15));
  return { namespaces, pods, policies: Math.round(namespaces * 2.667) };
}

function objectsOf(raw: RawCluster): Record<string, unknown>[] {
  return [...raw.namespaces, ...raw.deployments, ...raw.replicaSets, ...raw.pods, ...raw.networkPolicies];
}

/** PSS in MB of every descendant of `root` (not `root` itself): the browser a CLI run starts. */
function descendantsPss(root: number): number {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  let kb = 0;
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    for (let i = 0; i < 64 && p !== undefined && p > 1; i++, p = parent.get(p)) {
      if (p !== root) continue;
      try {
        kb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        // ended meanwhile
      }
      break;
    }
  }
  return kb / 1024;
}

/** One child process: wall time, its peak RSS (GNU time's %M) and, if asked, its children's peak PSS. */
function measure(args: string[], sampleChildren = false): Promise<Run> {
  const gnuTime = existsSync(TIME);
  const cmd = gnuTime ? TIME : process.execPath;
  const argv = gnuTime ? ['-f', '%M %U %S', process.execPath, ...args] : args;
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const p = spawn(cmd, argv, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        NETPOL_EVIDENCE_LOG_FORMAT: 'json',
        ...(childNodeOptions ? { NODE_OPTIONS: childNodeOptions } : {}),
      },
    });
    let err = '';
    let childMB = 0;
    p.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    // GNU time's child is the node process; Chromium hangs below that.
    const timer = sampleChildren
      ? setInterval(() => (childMB = Math.max(childMB, p.pid ? descendantsPss(p.pid) : 0)), 100)
      : undefined;
    p.on('error', reject);
    p.on('close', (code) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${err}`));
      const [kb, user, sys] = (err.trim().split('\n').pop() ?? '').split(' ').map(Number);
      const rssMB = gnuTime ? Math.round((kb ?? NaN) / 1024) : NaN;
      resolve({ ms, rssMB, cpuS: (user ?? NaN) + (sys ?? NaN), childMB: Math.round(childMB) });
    });
  });
}

/** NODE_OPTIONS for the measured CLI runs only (the CronJob's heap cap), never for this server process. */
const childNodeOptions = arg('--node-options', '');

const fmt = (runs: Run[], k: keyof Run): number => Math.round(median(runs.map((r) => r[k])));
const cpu = (runs: Run[]): number => Number(median(runs.map((r) => r.cpuS)).toFixed(1));
const ratio = (a: Run[], b: Run[], k: 'ms' | 'cpuS'): number =>
  Number((median(a.map((r) => r[k])) / median(b.map((r) => r[k]))).toFixed(2));

async function liveSize(pods: number, runs: number, withPdf: boolean): Promise<void> {
  const size = sweepSize(pods);
  const raw = generateRawCluster(size);
  const server = await startApiServer({ objects: objectsOf(raw) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-bench-sweep-'));
  try {
    const kubeconfig = await server.kubeconfigPath(dir);
    const snap: Run[] = [];
    const rep: Run[] = [];
    const pdf: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const out = path.join(dir, `out-${i}`);
      snap.push(await measure([cli, 'snapshot', '--kubeconfig', kubeconfig, '--output', `${out}.json`]));
      const common = [cli, 'report', '--kubeconfig', kubeconfig, '--unsigned', '--out', out];
      rep.push(await measure([...common, '--formats', 'json,html,csv']));
      if (withPdf) pdf.push(await measure([...common, '--formats', 'json,html,csv,pdf'], true));
      rmSync(out, { recursive: true, force: true });
    }
    const line = {
      pods: raw.pods.length,
      namespaces: raw.namespaces.length,
      policies: raw.networkPolicies.length,
      runs,
      snapshotMs: fmt(snap, 'ms'),
      snapshotRssMB: fmt(snap, 'rssMB'),
      snapshotCpuS: cpu(snap),
      reportMs: fmt(rep, 'ms'),
      reportRssMB: fmt(rep, 'rssMB'),
      reportCpuS: cpu(rep),
      ratio: ratio(rep, snap, 'ms'),
      cpuRatio: ratio(rep, snap, 'cpuS'),
      ...(withPdf
        ? {
            pdfExtraMs: fmt(pdf, 'ms') - fmt(rep, 'ms'),
            pdfReportRssMB: fmt(pdf, 'rssMB'),
            chromiumPeakPssMB: fmt(pdf, 'childMB'),
          }
        : {}),
    };
    process.stdout.write(`live ${JSON.stringify(line)}\n`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Baseline child: read every file of the folder and JSON.parse it, nothing else. */
function bareRead(dir: string): void {
  let n = 0;
  for (const f of readdirSync(dir).sort())
    n += (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown[]) ? 1 : 0;
  if (n < 0) process.stdout.write('unreachable\n');
}

async function manifests(pods: number, runs: number): Promise<void> {
  const raw = generateRawCluster({ ...sweepSize(pods), namespaces: Math.round(pods / 9) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-bench-manifests-'));
  try {
    // One JSON List per namespace, as `kubectl get -o json` per namespace writes them.
    const files = path.join(dir, 'cluster');
    const byNs = new Map<string, Record<string, unknown>[]>();
    for (const o of objectsOf(raw)) {
      const m = o.metadata as { namespace?: string; name: string };
      const k = m.namespace ?? m.name;
      byNs.set(k, [...(byNs.get(k) ?? []), o]);
    }
    const { mkdirSync } = await import('node:fs');
    mkdirSync(files);
    let bytes = 0;
    for (const [ns, items] of byNs) {
      const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
      bytes += text.length;
      writeFileSync(path.join(files, `${ns}.json`), text);
    }
    const base: Run[] = [];
    const rep: Run[] = [];
    const self = fileURLToPath(import.meta.url);
    for (let i = 0; i < runs; i++) {
      base.push(await measure([self, '--bare-read', files]));
      const out = path.join(dir, `out-${i}`);
      rep.push(
        await measure([cli, 'report', '--manifests', files, '--unsigned', '--formats', 'json', '--out', out]),
      );
      rmSync(out, { recursive: true, force: true });
    }
    process.stdout.write(
      `manifests ${JSON.stringify({
        pods: raw.pods.length,
        files: byNs.size,
        MB: Number((bytes / 2 ** 20).toFixed(1)),
        runs,
        bareReadParseMs: fmt(base, 'ms'),
        reportJsonMs: fmt(rep, 'ms'),
        reportRssMB: fmt(rep, 'rssMB'),
        ratio: ratio(rep, base, 'ms'),
        cpuRatio: ratio(rep, base, 'cpuS'),
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One manifest file of about `mb` MB in each format, read by `snapshot --manifests`. */
async function bigFile(mb: number, runs: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-bench-bigfile-'));
  try {
    for (const format of ['yaml', 'json'] as const) {
      // About 1,150 bytes of YAML and 2,000 of indented JSON per pod with its share of the other objects.
      const pods = Math.round((mb * 2 ** 20) / (format === 'yaml' ? 1150 : 2000));
      const objs = objectsOf(generateRawCluster(sweepSize(pods)));
      const text =
        format === 'yaml'
          ? objs.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n')
          : JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objs }, null, 2);
      const folder = path.join(dir, format);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(folder);
      writeFileSync(path.join(folder, `cluster.${format}`), text);
      const rs: Run[] = [];
      for (let i = 0; i < runs; i++)
        rs.push(
          await measure([cli, 'snapshot', '--manifests', folder, '--output', path.join(dir, `s-${i}.json`)]),
        );
      process.stdout.write(
        `bigfile ${JSON.stringify({ format, MB: Number((text.length / 2 ** 20).toFixed(1)), objects: objs.length, runs, ms: fmt(rs, 'ms'), cpuS: cpu(rs), rssMB: fmt(rs, 'rssMB') })}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const bare = process.argv.indexOf('--bare-read');
  if (bare >= 0) return bareRead(process.argv[bare + 1] as string);
  const sizes = arg('--sizes', '1000,9000,45000,150000').split(',').map(Number);
  const runs = Number(arg('--runs', '3'));
  const bigRuns = Number(arg('--big-runs', '1'));
  const withPdf = process.argv.includes('--pdf');
  for (const pods of sizes) await liveSize(pods, pods > 50_000 ? bigRuns : runs, withPdf);
  if (!process.argv.includes('--live-only')) {
    await manifests(9_000, runs);
    await bigFile(50, runs);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
