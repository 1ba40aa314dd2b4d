// The effect of each Git change over the report's workloads, computed incrementally: HEAD's desired state
// is analysed once, then each step moves the analysis to the commit's state and to its parent's (pure).
import { Universe } from '../../analyze/reachability/universe.js';
import type { ChangeImpact, ImpactBasis } from '../../model/change-impact.js';
import type { GitEvidence } from '../../model/git.js';
import type { Snapshot } from '../../model/snapshot.js';
import { moveState } from './move.js';
import { applyVersions, mapOf } from './policy-map.js';
import { analyseState, type AnalysedState } from './state.js';

/** Rows kept per change for paths, findings and policies (counts are always complete). */
export const IMPACT_TOP_ROWS = 10;

export interface ChangeImpacts {
  /** By commit SHA; a policy commit without an entry had no recorded desired state (see the Git collector). */
  readonly bySha: ReadonlyMap<string, ChangeImpact>;
  readonly basis: ImpactBasis;
}

/** The sentence the report prints: what the effects were assessed against, and what that means. */
export function basisStatement(workloads: Snapshot): string {
  return (
    `Each change's effect was assessed against the workloads of this report's snapshot ` +
    `(${workloads.source.name}, collected ${workloads.collection.finishedAt}), not against the workloads that ` +
    'ran when the change was made: the policies are the desired state Git declares at the commit and at its ' +
    'first parent, and a workload added or removed since then is assessed as it is now.'
  );
}

/**
 * `workloads`: the report's snapshot (its own policies are ignored). Steps whose desired state is unknown
 * are reported as unknown with the reason and cost nothing: the analysis moves only to states it assesses.
 */
export function assessChanges(
  workloads: Snapshot,
  git: GitEvidence,
  topRows: number = IMPACT_TOP_ROWS,
): ChangeImpacts {
  const bySha = new Map<string, ChangeImpact>();
  const universe = new Universe(workloads, workloads.ingresses.length > 0);
  let current = mapOf(git.headPolicies);
  let analysed: AnalysedState | undefined;
  for (const step of git.desiredStates ?? []) {
    const atCommit = applyVersions(current, step.toCommit);
    const atParent = applyVersions(atCommit, step.toParent);
    current = atParent;
    if (step.unknown) {
      bySha.set(step.sha, { status: 'unknown', reason: step.unknown });
      continue;
    }
    analysed = analysed
      ? moveState(analysed, atCommit, workloads, universe, { topRows }).to
      : analyseState(workloads, universe, atCommit);
    const moved = moveState(analysed, atParent, workloads, universe, { topRows, reverse: true });
    analysed = moved.to;
    bySha.set(step.sha, moved.impact);
  }
  const values = [...bySha.values()];
  return {
    bySha,
    basis: {
      statement: basisStatement(workloads),
      namespaces: workloads.namespaces.length,
      workloads: universe.peers.length,
      snapshotSource: workloads.source.name,
      snapshotCollectedAt: workloads.collection.finishedAt,
      assessed: values.filter((v) => v.status === 'assessed').length,
      unknown: values.filter((v) => v.status === 'unknown').length,
      topRows,
    },
  };
}
