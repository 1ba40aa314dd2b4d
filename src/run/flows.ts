// The enforcement phase of a report: observed flows and active probe results compared with the snapshot's
// policies, and the findings where the data plane contradicts them.
import { compareFlows } from '../analyze/flows/index.js';
import { FLOW_RULES, flowFindings } from '../analyze/flows/findings.js';
import { compareProbes, type ProbeInputs } from '../analyze/probes/compare.js';
import { buildReachability, type Reachability } from '../analyze/reachability/index.js';
import type { Finding } from '../model/finding.js';
import type { FlowObservations, FlowsSection } from '../model/flows.js';
import type { ProbesSection } from '../model/probes.js';
import type { Snapshot } from '../model/snapshot.js';

export interface EnforcementResult {
  readonly flows?: FlowsSection;
  readonly probes?: ProbesSection;
  readonly findings: readonly Finding[];
  readonly checksRun: readonly string[];
}

/**
 * Compares flows and probes with the class-level reachability; `reach` is the analysis's own when the engine
 * returned it (built here only for an injected engine that returns the connectivity alone).
 */
export function compareEnforcement(
  snapshot: Snapshot,
  inputs: { readonly flows?: FlowObservations; readonly probes?: ProbeInputs },
  reach?: Reachability,
): EnforcementResult | undefined {
  if (!inputs.flows && !inputs.probes) return undefined;
  const r = reach ?? buildReachability(snapshot);
  const flows = inputs.flows ? compareFlows(snapshot, r, inputs.flows) : undefined;
  const probes = inputs.probes ? compareProbes(snapshot, r, inputs.probes) : undefined;
  return {
    ...(flows ? { flows: flows.section } : {}),
    ...(probes ? { probes: probes.section } : {}),
    findings: flowFindings(
      flows?.unenforced ?? [],
      flows?.droppedAllowed ?? [],
      probes ?? { unenforced: [], droppedAllowed: [] },
    ),
    checksRun: [...FLOW_RULES],
  };
}

/** Flows alone (tests and callers without probes): the section, its findings and the checks run. */
export function compareObservedFlows(
  snapshot: Snapshot,
  observations: FlowObservations,
): { section: FlowsSection; findings: readonly Finding[]; checksRun: readonly string[] } {
  const r = compareEnforcement(snapshot, { flows: observations }) as EnforcementResult;
  return { section: r.flows as FlowsSection, findings: r.findings, checksRun: r.checksRun };
}
