// Pure assembly of evidence.json from the run's parts.
import { CONTROL_STATUSES, type ComplianceResult } from '../model/compliance.js';
import type { Connectivity, NamespaceCoverage } from '../model/connectivity.js';
import {
  EVIDENCE_SCHEMA_VERSION,
  type Evidence,
  type RunHistory,
  type RunRecord,
  type SignatureStatus,
} from '../model/evidence.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import { withReviewFacts } from '../analyze/changes/approval.js';
import { MAX_ASSESSED_CHANGES, type DriftEntry, type GitChange } from '../model/git.js';
import type { ChangeImpacts } from '../impact/changes/assess-changes.js';
import type { FlowsSection } from '../model/flows.js';
import type { ProbesSection } from '../model/probes.js';
import { createHash } from 'node:crypto';
import { serializeSnapshot } from '../collect/snapshot-file.js';
import type { Snapshot } from '../model/snapshot.js';
import { limitConnectivity } from '../analyze/connectivity-limits.js';

export interface EvidenceParts {
  readonly snapshot: Snapshot;
  readonly coverage: readonly NamespaceCoverage[];
  readonly connectivity: Connectivity;
  readonly compliance: ComplianceResult;
  readonly drift?: readonly DriftEntry[];
  readonly impacts?: ChangeImpacts;
  readonly flows?: FlowsSection;
  readonly probes?: ProbesSection;
  readonly history?: RunHistory;
  readonly warnings: readonly string[];
  readonly generatedAt: Date;
  readonly tool: { readonly name: string; readonly version: string };
  readonly run?: RunRecord;
  readonly organisation?: string;
  readonly period: { readonly since: Date; readonly until: Date };
  readonly frameworks: readonly string[];
  readonly signature: SignatureStatus;
}

/** SHA-256 of the snapshot as saved (serializeSnapshot): computed once per run, for the id and the manifest. */
export function snapshotDigest(snapshot: Snapshot): string {
  return createHash('sha256').update(serializeSnapshot(snapshot)).digest('hex');
}

/** Report id: the time and a digest of the snapshot, so the same inputs give the same id. */
export function reportId(snapshotSha256: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `NPE-${stamp}-${snapshotSha256.slice(0, 8)}`;
}

function tally<T extends string>(keys: readonly T[], values: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = 0;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** A policy commit's assessed effect; one past the recorded steps was not assessed, and says so. */
function withImpact(c: GitChange, impacts: ChangeImpacts | undefined): GitChange {
  if (!impacts || c.files.length === 0) return c;
  const impact = impacts.bySha.get(c.sha) ?? {
    status: 'unknown' as const,
    reason: `not assessed: only the newest ${MAX_ASSESSED_CHANGES} policy changes of a period are assessed`,
  };
  return { ...c, impact };
}

export function buildEvidence(p: EvidenceParts): Evidence {
  const findings = p.compliance.findings;
  const conn = limitConnectivity(p.connectivity);
  const snapshotSha256 = snapshotDigest(p.snapshot);
  const git = p.snapshot.git;
  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    reportId: reportId(snapshotSha256, p.generatedAt),
    snapshotSha256,
    generatedAt: p.generatedAt.toISOString(),
    tool: p.tool,
    ...(p.run ? { run: p.run } : {}),
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
      findingsBySeverity: tally(
        SEVERITY_ORDER,
        findings.map((f) => f.severity),
      ),
      openFindings: findings.filter((f) => f.exception?.status !== 'accepted').length,
      allowedConnections: conn.summary.total,
      controlsByStatus: tally(
        CONTROL_STATUSES,
        p.compliance.controls.map((c) => c.status),
      ),
    },
    coverage: p.coverage,
    connections: conn.listed,
    connectivity: conn.summary,
    findings,
    checksRun: p.compliance.checksRun,
    controls: p.compliance.controls,
    ...(p.compliance.register ? { register: p.compliance.register } : {}),
    ...(p.compliance.exceptions ? { exceptions: p.compliance.exceptions } : {}),
    ...(git
      ? {
          changes: git.commits.map(withReviewFacts).map((c) => withImpact(c, p.impacts)),
          git: {
            repo: git.repo,
            ref: git.ref,
            headSha: git.headSha,
            paths: git.paths,
            policyChanges: git.policyChanges,
            unrendered: git.unrendered,
            ...(git.reviewHost ? { reviewHost: git.reviewHost } : {}),
            ...(p.impacts ? { impactBasis: p.impacts.basis } : {}),
          },
        }
      : {}),
    ...(p.drift ? { drift: p.drift } : {}),
    ...(p.flows ? { flows: p.flows } : {}),
    ...(p.probes ? { probes: p.probes } : {}),
    ...(p.history ? { history: p.history } : {}),
    warnings: [...p.warnings],
    snapshot: p.snapshot,
  };
}
