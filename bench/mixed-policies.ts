// Benchmark: 150,000 pods with 20,000 policies, a third of them CNI policies, against the same cluster with
// Kubernetes policies only, in one run (alternating, medians of 5), with a check that both allow the same.
import { SnapshotBuilder } from '../src/collect/objects/builder.js';
import { convertObject } from '../src/collect/objects/convert.js';
import type { Raw } from '../src/collect/objects/raw.js';
import { analyzeReachability } from '../src/analyze/reachability/index.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../src/model/snapshot.js';
import { generateRawCluster, SIZES } from './generate-cluster.js';
import { mixPolicies } from './cni-policies.js';

const RUNS = 5;

function snapshotOf(lists: readonly Raw[][]): Snapshot {
  const b = new SnapshotBuilder();
  for (const list of lists)
    for (const o of list) {
      const r = convertObject(o, b);
      if (r.problems.length) throw new Error(`${JSON.stringify(o.metadata)}: ${JSON.stringify(r.problems)}`);
    }
  const at = new Date(0).toISOString();
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: { type: 'manifests', name: 'synthetic-mixed', paths: [] },
    collection: { startedAt: at, finishedAt: at, counts: {}, skipped: {} },
    ...b.parts(),
  };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

function run(s: Snapshot): { ms: number; pairs: number } {
  const t = process.hrtime.bigint();
  const c = analyzeReachability(s);
  const pairs = c.namespaces?.workloadPairs ?? 0;
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, pairs };
}

function main(): void {
  const name = process.argv.includes('--small') ? 'small' : 'large';
  const raw = generateRawCluster(SIZES[name]);
  const base = [raw.namespaces, raw.deployments, raw.replicaSets, raw.pods];
  const k8s = snapshotOf([...base, raw.networkPolicies]);
  const mixed = snapshotOf([...base, mixPolicies(raw.networkPolicies)]);
  const gc = (globalThis as { gc?: () => void }).gc;
  const a: number[] = [];
  const b: number[] = [];
  let pairs = { k8s: 0, mixed: 0 };
  for (let i = 0; i < RUNS; i++) {
    gc?.();
    const x = run(k8s);
    gc?.();
    const y = run(mixed);
    a.push(x.ms);
    b.push(y.ms);
    pairs = { k8s: x.pairs, mixed: y.pairs };
  }
  const ratio = median(b) / median(a);
  process.stdout.write(
    `${name}: ${k8s.pods.length} pods / ${k8s.namespaces.length} namespaces; ` +
      `Kubernetes policies only (${k8s.networkPolicies.length}): median ${Math.round(median(a))} ms; ` +
      `mixed (${mixed.networkPolicies.length} NetworkPolicies + ${mixed.otherPolicies.length} CNI policies): ` +
      `median ${Math.round(median(b))} ms over ${RUNS} alternating runs; ratio ${ratio.toFixed(2)} (target < 2); ` +
      `allowed workload pairs ${pairs.k8s} vs ${pairs.mixed} (${pairs.k8s === pairs.mixed ? 'same' : 'DIFFERENT'}); ` +
      `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
  );
  if (pairs.k8s !== pairs.mixed) process.exitCode = 1;
}

main();
