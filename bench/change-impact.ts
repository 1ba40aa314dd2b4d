// Benchmark of the per-change impact in `report --git-repo`: a Git history of 200 policy changes over the
// 10,000-pod benchmark cluster's 2,000 policies. Medians of 3 runs; the same-run baseline is one full analysis.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeSnapshot } from '../src/analyze/index.js';
import { collectGitEvidence } from '../src/collect/git/index.js';
import { assessChanges } from '../src/impact/changes/assess-changes.js';
import { silentLogger } from '../src/model/log.js';
import type { Raw } from '../src/collect/objects/raw.js';
import { generateCluster, generateRawCluster, SIZES } from './generate-cluster.js';

const RUNS = 3;
const CHANGES = Number(process.env.BENCH_IMPACT_CHANGES ?? 200);
const START = Date.UTC(2026, 0, 1);

const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';

function fileOf(p: Raw): string {
  const m = p.metadata as { namespace: string; name: string };
  return `clusters/bench/${m.namespace}/${m.name}.json`;
}

/** One change of the kinds teams make: delete a policy, open a port, add an allow, retarget a selector. */
function mutate(i: number, files: Map<string, Raw>): { file: string; text?: string } {
  const keys = [...files.keys()];
  const file = keys[(i * 7919) % keys.length] as string;
  const p = files.get(file) as Raw;
  const spec = p.spec as Record<string, unknown>;
  const m = p.metadata as { namespace: string; name: string };
  switch (i % 4) {
    case 0:
      files.delete(file);
      return { file };
    case 1: {
      const next = { ...p, spec: { ...spec, ingress: [{ ports: [{ protocol: 'TCP', port: 8000 + i }] }] } };
      files.set(file, next);
      return { file, text: JSON.stringify(next) };
    }
    case 2: {
      const name = `allow-extra-${i}`;
      const added: Raw = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name, namespace: m.namespace },
        spec: {
          podSelector: { matchLabels: { tier: 'api' } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `team-${i % 40}` } } }] }],
        },
      };
      const f = fileOf(added);
      files.set(f, added);
      return { file: f, text: JSON.stringify(added) };
    }
    default: {
      // A new selector (and a revision annotation, so the file changes even when the selector does not).
      const next = {
        ...p,
        metadata: { ...m, annotations: { revision: String(i) } },
        spec: { ...spec, podSelector: { matchLabels: { tier: 'web' } } },
      };
      files.set(file, next);
      return { file, text: JSON.stringify(next) };
    }
  }
}

/** The fast-import stream: one commit with every policy file, then CHANGES commits of one file each. */
function stream(): string {
  const files = new Map<string, Raw>();
  for (const p of generateRawCluster(SIZES.small).networkPolicies) files.set(fileOf(p), p);
  const out: string[] = [];
  const header = (i: number, message: string): void => {
    const when = Math.floor((START + i * 3_600_000) / 1000);
    out.push(`commit refs/heads/main\nmark :${i + 1}\n`);
    out.push(`author Dev <dev@example.com> ${when} +0000\ncommitter Dev <dev@example.com> ${when} +0000\n`);
    out.push(`data ${Buffer.byteLength(message)}\n${message}\n`);
    if (i > 0) out.push(`from :${i}\n`);
  };
  header(0, 'All policies');
  for (const [f, p] of files) {
    const text = JSON.stringify(p);
    out.push(`M 100644 inline ${f}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  for (let i = 1; i <= CHANGES; i++) {
    header(i, `Change ${i}`);
    const c = mutate(i, files);
    if (c.text === undefined) out.push(`D ${c.file}\n`);
    else out.push(`M 100644 inline ${c.file}\ndata ${Buffer.byteLength(c.text)}\n${c.text}\n`);
  }
  return out.join('');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** CPU seconds of this process and of its finished children (git), from /proc on Linux. */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // Not Linux: own CPU only.
  }
  return (own.user + own.system) / 1e6 + children;
}

const cpu: Record<string, number[]> = { single: [], collect: [], assess: [] };

async function time(f: () => Promise<unknown> | unknown, what?: string): Promise<number> {
  const c = cpuSeconds();
  const t = process.hrtime.bigint();
  await f();
  if (what) cpu[what]!.push(cpuSeconds() - c);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-bench-impact-'));
  try {
    execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
    const r = spawnSync('git', ['fast-import', '--quiet'], {
      cwd: dir,
      env,
      input: stream(),
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(r.stderr.toString());
    const workloads = generateCluster(SIZES.small);
    const single: number[] = [];
    const collect: number[] = [];
    const assess: number[] = [];
    let summary = '';
    for (let run = 0; run < RUNS; run++) {
      // Baseline: one full analysis of the cluster (what a report does once).
      single.push(await time(() => analyzeSnapshot(workloads), 'single'));
      let git: Awaited<ReturnType<typeof collectGitEvidence>> | undefined;
      collect.push(
        await time(async () => {
          git = await collectGitEvidence({
            repo: dir,
            ref: 'main',
            paths: ['clusters/bench/**'],
            since: new Date(START + 1000),
            until: new Date(START + (CHANGES + 1) * 3_600_000),
            log: silentLogger,
          });
        }, 'collect'),
      );
      const g = git!;
      let impacts: ReturnType<typeof assessChanges> | undefined;
      assess.push(await time(() => (impacts = assessChanges(workloads, g)), 'assess'));
      const values = [...impacts!.bySha.values()];
      const sum = (f: (v: (typeof values)[number]) => number): number => values.reduce((s, v) => s + f(v), 0);
      summary =
        `${g.desiredStates?.length ?? 0} changes, ${impacts!.basis.assessed} assessed: ` +
        `${sum((v) => v.paths?.opened ?? 0)} workload paths opened, ${sum((v) => v.paths?.closed ?? 0)} closed, ` +
        `${sum((v) => v.findings?.opened ?? 0)} findings opened, ${sum((v) => v.findings?.closed ?? 0)} closed`;
    }
    const perChange = median(collect) + median(assess);
    const c = (k: string): string => median(cpu[k]!).toFixed(1);
    process.stdout.write(
      `change-impact: ${workloads.pods.length} pods, ${CHANGES} policy commits; ${summary}\n` +
        `  Git evidence with the desired state at each change and its parent: median ${(median(collect) / 1000).toFixed(1)} s wall, ${c('collect')} s CPU\n` +
        `  incremental impact of every change: median ${(median(assess) / 1000).toFixed(1)} s wall, ${c('assess')} s CPU ` +
        `(${Math.round(median(assess) / CHANGES)} ms wall per change)\n` +
        `  baseline, one full analysis of the cluster: median ${Math.round(median(single))} ms wall, ${c('single')} s CPU\n` +
        `  the per-change part (Git states + impact) is ${(perChange / 1000).toFixed(1)} s wall = ${(perChange / median(single)).toFixed(1)} single analyses ` +
        `(${RUNS} runs; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
