// `probe plan`: the snapshot (any source), its reachability, and the probes that would test it.
import { planProbes } from '../analyze/probes/plan.js';
import { buildReachability } from '../analyze/reachability/index.js';
import { loadSnapshotSource, type SourceArgs } from '../collect/load-source.js';
import type { Logger } from '../model/log.js';
import type { ProbePlan } from '../model/probes.js';

export interface ProbePlanContext {
  readonly now: () => Date;
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
}

/** Reads the source and derives the plan; warns when nothing can be probed (no running pod with an IP). */
export async function makeProbePlan(
  source: SourceArgs,
  maxProbes: number,
  ctx: ProbePlanContext,
): Promise<ProbePlan> {
  const snapshot = await loadSnapshotSource(source, ctx);
  const plan = planProbes(snapshot, buildReachability(snapshot), { maxProbes, createdAt: ctx.now() });
  if (plan.probes.length === 0)
    ctx.log.warn(
      'no probe planned: probes need running pods with IPs (a live cluster, or a snapshot of one) and ports to try',
      { source: snapshot.source.name },
    );
  ctx.log.info('probe plan made', {
    probes: plan.probes.length,
    allow: plan.probes.filter((p) => p.expect === 'allow').length,
    deny: plan.probes.filter((p) => p.expect === 'deny').length,
    truncated: plan.truncated,
    unprobeableWorkloads: plan.unprobeableWorkloads,
  });
  return plan;
}

/** The plan file's text: stable key order (as built), two-space indent, trailing newline. */
export function formatProbeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
