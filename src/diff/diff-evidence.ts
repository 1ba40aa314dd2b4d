// `diff OLD NEW`: a pure comparison of two evidence values (both read from verified bundles by the CLI).
import { limitConnectivity } from '../analyze/connectivity-limits.js';
import { analyzeReachability } from '../analyze/reachability/index.js';
import type { Connection } from '../model/connectivity.js';
import type { Evidence } from '../model/evidence.js';
import { diffControls, diffFindings, diffVendors } from './compliance.js';
import { diffCoverage } from './coverage.js';
import { diffPaths } from './paths.js';
import { diffPolicies, policyVersions } from './policies.js';
import { evidencePart, readControls, readRegister } from './sections.js';
import type { DiffSide, EnforcementChange, EvidenceDiff } from './types.js';

/**
 * Every allowed connection of a bundle: the list evidence.json holds when it is complete, else recomputed
 * from the snapshot it embeds (up to the expansion limit). `complete` is false past that limit.
 */
function connectionsOf(e: Evidence): { list: readonly Connection[]; complete: boolean } {
  if (e.connectivity.listed >= e.connectivity.total) return { list: e.connections, complete: true };
  const c = analyzeReachability(e.snapshot);
  if (!limitConnectivity(c).summary.csvComplete) return { list: e.connections, complete: false };
  return { list: c.connections, complete: true };
}

/** The flow outcomes of both bundles, in a fixed order; undefined when neither read flows. */
function diffEnforcement(before: Evidence, after: Evidence): EnforcementChange[] | undefined {
  if (!before.flows && !after.flows) return undefined;
  const measures: [string, (e: NonNullable<Evidence['flows']>) => number][] = [
    ['flows read', (f) => f.counts.flows],
    ['allowed and forwarded', (f) => f.counts.byOutcome.allowedForwarded],
    ['enforcement seen', (f) => f.counts.byOutcome.enforced],
    ['unenforced', (f) => f.counts.byOutcome.unenforced],
    ['dropped although allowed', (f) => f.counts.byOutcome.droppedAllowed],
  ];
  return measures.map(([measure, get]) => ({
    measure,
    ...(before.flows ? { before: get(before.flows) } : {}),
    ...(after.flows ? { after: get(after.flows) } : {}),
  }));
}

function side(e: Evidence): DiffSide {
  return { reportId: e.reportId, generatedAt: e.generatedAt, source: e.snapshot.source.name };
}

/** Everything that changed from `before` to `after`; same inputs give the same (sorted) output. */
export function diffEvidence(before: Evidence, after: Evidence): EvidenceDiff {
  const policies = diffPolicies(policyVersions(before.snapshot), policyVersions(after.snapshot));
  const coverage = diffCoverage(before.coverage, after.coverage);
  const b = connectionsOf(before);
  const a = connectionsOf(after);
  const paths = diffPaths(b.list, a.list);
  const newEgress = paths.filter((p) => p.change === 'opened' && p.dst.endsWith('[External]'));
  const controls = diffControls(
    readControls(evidencePart(before, 'controls')),
    readControls(evidencePart(after, 'controls')),
  );
  const vendors = diffVendors(
    readRegister(evidencePart(before, 'register')),
    readRegister(evidencePart(after, 'register')),
  );
  const findings = diffFindings(before.findings, after.findings);
  const enforcement = diffEnforcement(before, after);
  const count = <T>(list: readonly T[], pred: (x: T) => boolean): number => list.filter(pred).length;
  return {
    old: side(before),
    new: side(after),
    policies,
    coverage,
    paths,
    pathsComplete: b.complete && a.complete,
    newEgress,
    controls,
    vendors,
    findings,
    ...(enforcement ? { enforcement } : {}),
    counts: {
      policiesAdded: count(policies, (p) => p.change === 'added'),
      policiesRemoved: count(policies, (p) => p.change === 'removed'),
      policiesChanged: count(policies, (p) => p.change === 'changed'),
      namespacesWeakened: count(coverage, (c) => c.weakened),
      pathsOpened: count(paths, (p) => p.change === 'opened'),
      pathsClosed: count(paths, (p) => p.change === 'closed'),
      externalPathsOpened: count(paths, (p) => p.change === 'opened' && p.scope === 'external'),
      crossNamespacePathsOpened: count(paths, (p) => p.change === 'opened' && p.scope === 'cross-namespace'),
      controlsChanged: controls.length,
      vendorsChanged: vendors.length,
      findingsOpened: count(findings, (f) => f.change === 'opened'),
      findingsClosed: count(findings, (f) => f.change === 'closed'),
    },
  };
}
