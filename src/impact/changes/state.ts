// One analysed desired state over fixed workloads: its engine (on the shared universe of pod classes), every
// finding, and the namespace pair table. The first is analysed in full; each next one from the one before.
import { coverageFrom } from '../../analyze/coverage.js';
import { Engine } from '../../analyze/reachability/engine.js';
import { exposedPeers } from '../../analyze/reachability/exposure.js';
import { buildReachability, type Reachability } from '../../analyze/reachability/index.js';
import type { Universe } from '../../analyze/reachability/universe.js';
import { resolveOptions, RULES, type RuleScope } from '../../analyze/rules/index.js';
import { compareSeverity, type Finding } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot.js';
import { blocksOf } from './class-delta.js';
import { nsPairsOf, summaryFor, type NsPairs } from './ns-pairs.js';
import { setOf, versionKey, type PolicyMap } from './policy-map.js';

export interface AnalysedState {
  readonly policies: PolicyMap;
  readonly snapshot: Snapshot;
  readonly engine: Engine;
  /** Every finding of the rules, most severe first (as analyzeSnapshot sorts them). */
  readonly findings: readonly Finding[];
  readonly nsPairs: NsPairs;
}

/** Rules whose findings depend on the workloads alone: the same in every desired state, never re-run. */
export const POLICY_INDEPENDENT_RULES: ReadonlySet<string> = new Set(['missing-ownership-labels']);

function withPolicies(workloads: Snapshot, policies: PolicyMap): Snapshot {
  return { ...workloads, ...setOf(policies) };
}

const bySeverityThenId = (a: Finding, b: Finding): number =>
  compareSeverity(a.severity, b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The full analysis of one state (what analyzeSnapshot does), on the shared universe. */
export function analyseState(workloads: Snapshot, universe: Universe, policies: PolicyMap): AnalysedState {
  const snapshot = withPolicies(workloads, policies);
  const reach = buildReachability(snapshot, universe);
  const coverage = coverageFrom(snapshot, reach.engine);
  const ctx = { snapshot, reach, coverage, options: resolveOptions(undefined) };
  const findings = Object.values(RULES)
    .flatMap((rule) => rule(ctx))
    .sort(bySeverityThenId);
  const summary = reach.connectivity.namespaces;
  return {
    policies,
    snapshot,
    engine: reach.engine,
    findings,
    nsPairs: summary ? nsPairsOf(summary) : new Map(),
  };
}

const POLICY_KINDS = new Set(['NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);

/** Whether a finding's resource is one the scope covers (a workload by its namespace). */
export function inScope(f: Finding, scope: RuleScope): boolean {
  const r = f.resource;
  if (r.kind === 'Namespace') return scope.namespaces.has(r.name);
  if (POLICY_KINDS.has(r.kind)) return scope.policies.has(versionKey(r));
  return r.namespace === undefined || scope.namespaces.has(r.namespace);
}

/** The snapshot and engine of a state, before its findings: built on the shared universe. */
export function engineFor(
  workloads: Snapshot,
  universe: Universe,
  policies: PolicyMap,
): { snapshot: Snapshot; engine: Engine } {
  const snapshot = withPolicies(workloads, policies);
  return { snapshot, engine: new Engine(snapshot, universe) };
}

/**
 * The findings of the scope in the state of `engine`: every rule but the policy-independent ones runs with
 * the scope (coverage of the scope's namespaces only, the namespace-path rules over the table's rows).
 */
export function scopedFindings(
  snapshot: Snapshot,
  engine: Engine,
  nsPairs: NsPairs,
  scope: RuleScope,
): Finding[] {
  const { ingressBlocks, egressBlocks } = blocksOf(engine);
  const sources = [...scope.namespaces].filter((n) => {
    const i = engine.u.nsIndex.get(n);
    return i !== undefined && !engine.u.namespaces[i]!.synthetic;
  });
  const reach: Reachability = {
    engine,
    ingressBlocks,
    egressBlocks,
    exposed: snapshot.ingresses.length ? exposedPeers(snapshot, engine) : [],
    connectivity: {
      peers: [],
      connections: [],
      iterate: () => [],
      total: 0,
      externalEgress: () => [],
      namespaces: summaryFor(nsPairs, sources),
    },
  };
  const ctx = {
    snapshot,
    reach,
    coverage: coverageFrom(snapshot, engine, scope.namespaces),
    options: resolveOptions(undefined),
    scope,
  };
  return Object.entries(RULES)
    .filter(([id]) => !POLICY_INDEPENDENT_RULES.has(id))
    .flatMap(([, rule]) => rule(ctx))
    .filter((f) => inScope(f, scope));
}

/** The full finding list after replacing the scope's findings (policy-independent ones are kept). */
export function mergeFindings(
  old: readonly Finding[],
  scoped: readonly Finding[],
  scope: RuleScope,
): Finding[] {
  const kept = old.filter((f) => POLICY_INDEPENDENT_RULES.has(f.rule) || !inScope(f, scope));
  return [...kept, ...scoped].sort(bySeverityThenId);
}

/** A resource as one line ("Deployment shop/web"). */
export function resourceText(f: Finding): string {
  const r = f.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}
