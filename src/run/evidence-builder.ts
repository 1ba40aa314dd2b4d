// Pure assembly of evidence.json from the run's parts.
import type { Connectivity, NamespaceCoverage } from '../model/connectivity.js';
import { EVIDENCE_SCHEMA_VERSION, type Evidence, type SignatureStatus } from '../model/evidence.js';
import { SEVERITY_ORDER, type Finding } from '../model/finding.js';
import { stableHash } from '../model/hash.js';
import type { Snapshot } from '../model/snapshot.js';

export interface EvidenceParts {
  readonly snapshot: Snapshot;
  readonly coverage: readonly NamespaceCoverage[];
  readonly connectivity: Connectivity;
  readonly findings: readonly Finding[];
  readonly checksRun: readonly string[];
  readonly sections: Evidence['sections'];
  readonly generatedAt: Date;
  readonly tool: { readonly name: string; readonly version: string };
  readonly organisation?: string;
  readonly period: { readonly since: Date; readonly until: Date };
  readonly frameworks: readonly string[];
  readonly signature: SignatureStatus;
}

/** Report id: the source, the time and a digest of the snapshot, so the same inputs give the same id. */
export function reportId(snapshot: Snapshot, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `NPE-${stamp}-${stableHash(JSON.stringify(snapshot)).slice(0, 8)}`;
}

export function buildEvidence(p: EvidenceParts): Evidence {
  const bySeverity: Record<string, number> = {};
  for (const s of SEVERITY_ORDER) bySeverity[s] = 0;
  for (const f of p.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    reportId: reportId(p.snapshot, p.generatedAt),
    generatedAt: p.generatedAt.toISOString(),
    tool: p.tool,
    ...(p.organisation ? { organisation: p.organisation } : {}),
    period: { since: p.period.since.toISOString(), until: p.period.until.toISOString() },
    frameworks: p.frameworks,
    signature: p.signature,
    summary: {
      namespaces: p.snapshot.namespaces.length,
      workloads: p.connectivity.peers.filter((x) => x.kind === 'workload').length,
      pods: p.snapshot.pods.length,
      networkPolicies: p.snapshot.networkPolicies.length,
      adminNetworkPolicies:
        p.snapshot.adminNetworkPolicies.length + p.snapshot.baselineAdminNetworkPolicies.length,
      findingsBySeverity: bySeverity,
      allowedConnections: p.connectivity.connections.length,
    },
    coverage: p.coverage,
    connections: p.connectivity.connections,
    findings: p.findings,
    checksRun: p.checksRun,
    sections: p.sections,
    snapshot: p.snapshot,
  };
}
