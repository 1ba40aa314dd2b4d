// Combines the pure analyses of one snapshot (reachability and coverage come from the injected engine).
import { changeChecksRun, changeFindings } from '../analyze/changes/index.js';
import { analyzeDrift, DRIFT_RULES } from '../analyze/drift/index.js';
import { assessChanges, type ChangeImpacts } from '../impact/changes/assess-changes.js';
import type { Reachability } from '../analyze/reachability/index.js';
import type { Connectivity, NamespaceCoverage } from '../model/connectivity.js';
import type { Finding } from '../model/finding.js';
import type { DriftEntry } from '../model/git.js';
import type { Snapshot } from '../model/snapshot.js';

export interface AnalysisResult {
  readonly coverage: readonly NamespaceCoverage[];
  readonly connectivity: Connectivity;
  readonly findings: readonly Finding[];
  /** Rule ids of the checks that ran. */
  readonly checksRun: readonly string[];
  /** What the analysis could not follow (reported as warnings of the run). */
  readonly notes?: readonly string[];
  /** The class-level reachability behind `connectivity`, so flows and probes reuse it (not rebuilt). */
  readonly reachability?: Reachability;
}

export interface GitAnalysis {
  readonly findings: readonly Finding[];
  readonly checksRun: readonly string[];
  readonly drift?: readonly DriftEntry[];
  /** The assessed effect of each policy change, when the Git evidence recorded desired states. */
  readonly impacts?: ChangeImpacts;
}

/** Change-management and drift findings and each change's effect; none (and no checks run) without Git evidence. */
export function analyzeGit(snapshot: Snapshot): GitAnalysis {
  if (!snapshot.git) return { findings: [], checksRun: [] };
  const drift = analyzeDrift(snapshot.git.headPolicies, snapshot, snapshot.git.unrendered);
  return {
    findings: [...changeFindings(snapshot.git), ...drift.findings],
    checksRun: [...changeChecksRun(snapshot.git), ...DRIFT_RULES],
    drift: drift.drift,
    ...(snapshot.git.desiredStates ? { impacts: assessChanges(snapshot, snapshot.git) } : {}),
  };
}
