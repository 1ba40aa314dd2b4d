// Benchmark of flow-log reading: a Hubble JSON-lines file (1 GB by default, made in a temp folder and removed
// after) read by readFlowFiles and, as the same-run baseline, by a bare line-by-line JSON.parse. Medians of 3
// runs of each, every run in its own process (peak RSS from the kernel). Target: flows >= 0.5x the baseline's
// speed, < 600 MB peak RSS.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readFlowFiles } from '../src/collect/flows/index.js';

const RUNS = 3;
const MB = 1024 * 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** One Hubble flow line like `hubble observe -o json` prints, from a pool of 400 pods in 40 namespaces. */
function line(i: number): string {
  const a = (i * 7919) % 400;
  const b = (i * 104729 + 13) % 400;
  const pod = (k: number) => ({
    ID: 1000 + k,
    identity: 20000 + (k % 97),
    namespace: `ns-${k % 40}`,
    labels: [`k8s:app=app-${k % 100}`, `k8s:io.kubernetes.pod.namespace=ns-${k % 40}`, 'k8s:tier=backend'],
    pod_name: `app-${k % 100}-6d8f9c7b5-${(k * 31).toString(36).padStart(5, 'x')}`,
    workloads: [{ name: `app-${k % 100}`, kind: 'Deployment' }],
  });
  const dropped = i % 10 === 0;
  const reply = !dropped && i % 3 === 0;
  const time = new Date(Date.UTC(2026, 0, 14) + i).toISOString();
  return JSON.stringify({
    flow: {
      time,
      uuid: `8f0c5c2e-6f55-4c1e-9d1b-${i.toString(16).padStart(12, '0')}`,
      verdict: dropped ? 'DROPPED' : 'FORWARDED',
      ...(dropped ? { drop_reason: 133 } : {}),
      ethernet: { source: '5e:2a:7d:91:0c:11', destination: 'a2:4f:0e:6b:93:20' },
      IP: {
        source: `10.244.${a % 250}.${a % 200}`,
        destination: `10.244.${b % 250}.${b % 200}`,
        ipVersion: 'IPv4',
      },
      l4: {
        TCP: {
          source_port: 32768 + (i % 28000),
          destination_port: [8080, 5432, 9090, 443][i % 4],
          flags: { SYN: true },
        },
      },
      source: pod(a),
      destination: pod(b),
      Type: 'L3_L4',
      node_name: `default/worker-${i % 8}`,
      event_type: { type: dropped ? 1 : 4, sub_type: dropped ? 133 : 3 },
      traffic_direction: i % 2 ? 'INGRESS' : 'EGRESS',
      ...(dropped
        ? { drop_reason_desc: 'POLICY_DENIED' }
        : { trace_observation_point: 'TO_ENDPOINT', is_reply: reply }),
      Summary: 'TCP Flags: SYN',
    },
    node_name: `default/worker-${i % 8}`,
    time,
  });
}

async function generate(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let i = 0;
  while (written < bytes) {
    const chunk: string[] = [];
    for (let k = 0; k < 1000; k++) chunk.push(line(i++));
    const s = chunk.join('\n') + '\n';
    written += Buffer.byteLength(s);
    if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return i;
}

async function child(mode: string, file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  let n = 0;
  if (mode === 'baseline') {
    for await (const l of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (l) {
        JSON.parse(l);
        n++;
      }
    }
  } else {
    const obs = await readFlowFiles([file]);
    n = obs.records;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(
    JSON.stringify({ ms, records: n, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
  );
}

async function main(): Promise<void> {
  const [, , mode, file] = process.argv;
  if (mode === 'baseline' || mode === 'flows') return child(mode, file as string);
  const sizeMB = Number(process.env.FLOWS_BENCH_MB ?? 1024);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-bench-flows-'));
  try {
    const file = path.join(dir, 'hubble.json');
    const lines = await generate(file, sizeMB * MB);
    if (process.env.FLOWS_BENCH_KEEP) {
      process.stdout.write(`${file}\n`);
      return;
    }
    const size = (await stat(file)).size;
    process.stderr.write(`flows bench: ${(size / MB).toFixed(0)} MB, ${lines} lines\n`);
    const self = fileURLToPath(import.meta.url);
    const res: Record<string, { ms: number; peakRssMB: number; records: number }[]> = {
      baseline: [],
      flows: [],
    };
    for (let r = 0; r < RUNS; r++)
      for (const m of ['baseline', 'flows']) {
        const p = spawnSync(process.execPath, [self, m, file], { encoding: 'utf8', maxBuffer: MB });
        if (p.status !== 0) throw new Error(`${m} run failed: ${p.stderr}`);
        res[m]?.push(JSON.parse(p.stdout.trim()) as { ms: number; peakRssMB: number; records: number });
      }
    const b = median(res.baseline!.map((x) => x.ms));
    const f = median(res.flows!.map((x) => x.ms));
    const rss = median(res.flows!.map((x) => x.peakRssMB));
    const out = {
      fileMB: Math.round(size / MB),
      lines,
      baselineMs: Math.round(b),
      flowsMs: Math.round(f),
      baselineMBps: Math.round(size / MB / (b / 1000)),
      flowsMBps: Math.round(size / MB / (f / 1000)),
      speedVsBaseline: Number((b / f).toFixed(2)),
      flowsPeakRssMB: Math.round(rss),
      baselinePeakRssMB: Math.round(median(res.baseline!.map((x) => x.peakRssMB))),
      pass: b / f >= 0.5 && rss < 600,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    if (!out.pass) process.exitCode = 1;
  } finally {
    if (!process.env.FLOWS_BENCH_KEEP) await rm(dir, { recursive: true, force: true });
  }
}

await main();
