// evidence.json: everything a report says, machine-readable (JSON Schema in docs/evidence.schema.json).
import type { Connection, NamespaceCoverage } from './connectivity.js';
import type { Finding } from './finding.js';
import type { Snapshot } from './snapshot.js';

export const EVIDENCE_SCHEMA_VERSION = 1 as const;

export interface SignatureStatus {
  readonly signed: boolean;
  readonly subject?: string;
  readonly issuer?: string;
  readonly selfSigned?: boolean;
  /** A throwaway demo key: the report says so on its cover. */
  readonly demo?: boolean;
  readonly fingerprintSha256?: string;
  readonly timestamped?: boolean;
}

export interface Evidence {
  readonly schemaVersion: typeof EVIDENCE_SCHEMA_VERSION;
  /** Also the bundle id: stable for the same source, clock and snapshot. */
  readonly reportId: string;
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly organisation?: string;
  readonly period: { readonly since: string; readonly until: string };
  readonly frameworks: readonly string[];
  readonly signature: SignatureStatus;
  readonly summary: EvidenceSummary;
  readonly coverage: readonly NamespaceCoverage[];
  /** Allowed connections (src => dst : conns); the full list, also written to connectivity.csv. */
  readonly connections: readonly Connection[];
  readonly findings: readonly Finding[];
  /** Checks (rule ids) that ran in this report: a control whose checks did not run is "not tested". */
  readonly checksRun: readonly string[];
  /** Per-section results added by the compliance, Git and drift analyses (see their models). */
  readonly sections: Readonly<Record<string, unknown>>;
  readonly snapshot: Snapshot;
}

export interface EvidenceSummary {
  readonly namespaces: number;
  readonly workloads: number;
  readonly pods: number;
  readonly networkPolicies: number;
  readonly adminNetworkPolicies: number;
  readonly findingsBySeverity: Readonly<Record<string, number>>;
  readonly allowedConnections: number;
}
