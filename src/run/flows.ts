// The flow phase of a report: observed flows compared with the snapshot's policies, and their findings.
import { compareFlows } from '../analyze/flows/index.js';
import { FLOW_RULES, flowFindings } from '../analyze/flows/findings.js';
import { buildReachability } from '../analyze/reachability/index.js';
import type { Finding } from '../model/finding.js';
import type { FlowObservations, FlowsSection } from '../model/flows.js';
import type { Snapshot } from '../model/snapshot.js';

export interface FlowResult {
  readonly section: FlowsSection;
  readonly findings: readonly Finding[];
  readonly checksRun: readonly string[];
}

/** Builds its own class-level reachability (the injected engine returns only the connectivity). */
export function compareObservedFlows(snapshot: Snapshot, observations: FlowObservations): FlowResult {
  const r = compareFlows(snapshot, buildReachability(snapshot), observations);
  return {
    section: r.section,
    findings: flowFindings(r.unenforced, r.droppedAllowed),
    checksRun: [...FLOW_RULES],
  };
}
