// The analysis entry point: coverage, connectivity and findings over one snapshot (pure, deterministic).
import type { Connectivity, NamespaceCoverage } from '../model/connectivity.js';
import { compareSeverity, type Finding } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import { coverageFrom } from './coverage.js';
import { buildReachability, type Reachability } from './reachability/index.js';
import { resolveOptions, RULES, type AnalyzeOptions } from './rules/index.js';

export interface Analysis {
  readonly coverage: readonly NamespaceCoverage[];
  readonly connectivity: Connectivity;
  /** Sorted by severity (critical first), then id. */
  readonly findings: readonly Finding[];
  /** What the analysis could not follow in CNI policies (Cilium fields named as not analysed), with origins. */
  readonly notes: readonly string[];
  /** The engine and class-level state behind `connectivity` (for flows and probes). */
  readonly reachability: Reachability;
}

export function analyzeSnapshot(snapshot: Snapshot, options?: AnalyzeOptions): Analysis {
  const reach = buildReachability(snapshot);
  const coverage = coverageFrom(snapshot, reach.engine);
  const ctx = { snapshot, reach, coverage, options: resolveOptions(options) };
  const findings = Object.values(RULES)
    .flatMap((rule) => rule(ctx))
    .sort((a, b) => compareSeverity(a.severity, b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const notes = (reach.engine.cilium?.policies ?? []).flatMap((p) =>
    p.notes.map((n) => (p.policy.origin ? `${p.policy.origin}: ${n}` : n)),
  );
  return { coverage, connectivity: reach.connectivity, findings, notes, reachability: reach };
}

export { analyzeCoverage } from './coverage.js';
export { analyzeReachability, buildReachability } from './reachability/index.js';
export { DEFAULT_OPTIONS, RULES, type AnalyzeOptions } from './rules/index.js';
