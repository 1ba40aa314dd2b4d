// `probe run`: a plan (read from --plan, or made from the live cluster) executed with ephemeral containers.
import { createHash, randomBytes } from 'node:crypto';
import { readProbePlan } from '../collect/probes/read-file.js';
import { runProbes, type RunProbesOptions } from '../collect/probes/run.js';
import type { ProbeCluster } from '../collect/probes/types.js';
import type { SourceArgs } from '../collect/load-source.js';
import { namingFlag } from '../model/errors.js';
import type { ProbePlan, ProbeResults } from '../model/probes.js';
import { PROBE_RESULTS_KIND, PROBE_SCHEMA_VERSION } from '../model/probes.js';
import { formatProbeJson, makeProbePlan, type ProbePlanContext } from './probe-plan.js';

export interface ProbeRunRequest {
  /** A plan file; without it the plan is made from `source` (the live cluster that is probed). */
  readonly planFile?: string;
  readonly source: SourceArgs;
  readonly maxProbes: number;
  readonly run: Omit<RunProbesOptions, 'now' | 'log' | 'runId' | 'sleep'>;
}

/** A run id for container names: the start time in base 36 and 4 random hex digits (names must never repeat). */
function runId(at: Date): string {
  return `${Math.floor(at.getTime() / 1000).toString(36)}${randomBytes(2).toString('hex')}`;
}

export async function runProbePlan(req: ProbeRunRequest, ctx: ProbePlanContext): Promise<ProbeResults> {
  let plan: ProbePlan;
  let planSha256: string;
  if (req.planFile) {
    const file = req.planFile;
    const read = await namingFlag('--plan', () => readProbePlan(file));
    plan = read.value;
    planSha256 = read.sha256;
  } else {
    plan = await makeProbePlan(req.source, req.maxProbes, ctx);
    planSha256 = createHash('sha256').update(formatProbeJson(plan)).digest('hex');
  }
  // Loaded lazily, like the collector: client-node is large.
  const { probeCluster } = await import('../collect/cluster/probe-api.js');
  const cluster: ProbeCluster = probeCluster({
    ...(req.source.kubeconfig ? { kubeconfig: req.source.kubeconfig } : {}),
    ...(req.source.context ? { context: req.source.context } : {}),
    env: ctx.env,
  });
  const startedAt = ctx.now();
  ctx.log.info('probes started', {
    server: cluster.server,
    probes: plan.probes.length,
    parallel: req.run.parallel,
    image: req.run.image,
  });
  const results = await runProbes(plan, cluster, {
    ...req.run,
    now: ctx.now,
    log: ctx.log,
    runId: runId(startedAt),
  });
  const count = (o: string): number => results.filter((r) => r.observed === o).length;
  ctx.log.info('probes finished', {
    connected: count('connected'),
    timeout: count('timeout'),
    refused: count('refused'),
    other: count('other'),
    error: count('error'),
  });
  return {
    kind: PROBE_RESULTS_KIND,
    schemaVersion: PROBE_SCHEMA_VERSION,
    server: cluster.server,
    image: req.run.image,
    startedAt: startedAt.toISOString(),
    finishedAt: ctx.now().toISOString(),
    planSha256,
    results,
  };
}
