// evidence.json: everything a report says, machine-readable (JSON Schema in docs/evidence.schema.json).
import type { ControlResult, ExceptionReview, MappingChange, VendorRegisterEntry } from './compliance.js';
import type { ImpactBasis } from './change-impact.js';
import type { ReviewHostEvidence } from './change-request.js';
import type { Connection, NamespaceCoverage, NamespacePair } from './connectivity.js';
import type { Finding } from './finding.js';
import type { FlowsSection } from './flows.js';
import type { ProbesSection } from './probes.js';
import type { DriftEntry, GitChange, PolicyChangeLog, UnrenderedSource } from './git.js';
import type { AuthenticatedIdentity, Snapshot } from './snapshot.js';

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

/** The Git side of the evidence: where it came from, and each commit in the period (issue: Git evidence). */
export interface GitSection {
  readonly repo: string;
  readonly ref: string;
  readonly headSha: string;
  readonly paths: readonly string[];
  readonly policyChanges: readonly PolicyChangeLog[];
  readonly unrendered: readonly UnrenderedSource[];
  /** The Git host asked for reviews and branch protection (absent: reviews inferred from messages). */
  readonly reviewHost?: ReviewHostEvidence;
  /** What each change's effect (changes[].impact) was assessed against. */
  readonly impactBasis?: ImpactBasis;
}

/** One input file the run read, by role, with its SHA-256 (and the adequacy list's as-of date). */
export interface InputDigest {
  readonly role:
    | 'config'
    | 'snapshot'
    | 'inventory'
    | 'exceptions'
    | 'allowed-signers'
    | 'catalog'
    | 'controls'
    | 'adequacy';
  readonly file: string;
  readonly sha256: string;
  readonly asOf?: string;
}

/** The source's identity; `live: false` says plainly that this run did not read a cluster. */
export interface SourceRecord {
  readonly live: boolean;
  /** For a run that did not read a live cluster: the sentence the cover prints. */
  readonly statement?: string;
  readonly server?: string;
  readonly kubeSystemUid?: string;
  readonly serverVersion?: string;
  readonly authenticatedAs?: AuthenticatedIdentity;
}

/** The run itself, signed with the rest: options, input digests, tool, source, crosswalk overrides. */
export interface RunRecord {
  readonly tool: { readonly name: string; readonly version: string };
  readonly options: Readonly<Record<string, unknown>>;
  readonly inputs: readonly InputDigest[];
  readonly source: SourceRecord;
  readonly mappingChanges: readonly MappingChange[];
}

/**
 * The bundle this one follows in its output folder, compared by finding id and control status; `compared`
 * is false (with the reason) when that bundle could not be read or trusted.
 */
export type SincePrevious =
  | {
      readonly compared: true;
      readonly bundleId: string;
      readonly generatedAt: string;
      readonly findingsOpened: number;
      readonly findingsClosed: number;
      /** Findings still open whose severity or exception changed. */
      readonly findingsChanged: number;
      readonly controlsChanged: number;
    }
  | { readonly compared: false; readonly bundleId: string; readonly reason: string };

export interface Evidence {
  readonly schemaVersion: typeof EVIDENCE_SCHEMA_VERSION;
  /** Also the bundle id: stable for the same source, clock and snapshot. */
  readonly reportId: string;
  /** SHA-256 of the snapshot as `snapshot --output` would save it (also in manifest.json). */
  readonly snapshotSha256: string;
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  /** How this report was produced (absent in bundles written before it was recorded). */
  readonly run?: RunRecord;
  readonly organisation?: string;
  readonly period: { readonly since: string; readonly until: string };
  readonly frameworks: readonly string[];
  readonly signature: SignatureStatus;
  readonly summary: EvidenceSummary;
  readonly coverage: readonly NamespaceCoverage[];
  /**
   * Allowed connections (src => dst : conns), at most `connectivity.listed` of them; the full list is in
   * connectivity.csv (see `connectivity`).
   */
  readonly connections: readonly Connection[];
  readonly connectivity: ConnectivitySummary;
  /** Every finding (open, accepted and expired-exception ones), most severe first. */
  readonly findings: readonly Finding[];
  /** Checks (rule ids) that ran in this report: a control whose checks did not run is "not tested". */
  readonly checksRun: readonly string[];
  readonly controls: readonly ControlResult[];
  /** The sub-processor register, when an inventory was given. */
  readonly register?: readonly VendorRegisterEntry[];
  /** Every exception with its state (bundles written before states existed carry only the file's fields). */
  readonly exceptions?: readonly ExceptionReview[];
  /** Commits touching the policy paths in the period, when a Git repository was given. */
  readonly changes?: readonly GitChange[];
  readonly git?: GitSection;
  /** Git desired state vs. the cluster, when a Git repository was given. */
  readonly drift?: readonly DriftEntry[];
  /** Observed flows compared with the policies, when --flows was given (docs/flows.md). */
  readonly flows?: FlowsSection;
  /** Active probe results compared with the policies, when --probes was given (docs/probes.md). */
  readonly probes?: ProbesSection;
  /** Earlier runs of this cluster the hash chain links back to (absent when the run keeps no bundle chain). */
  readonly history?: RunHistory;
  /** The comparison with the previous bundle of the same cluster; absent for the first bundle. */
  readonly sincePrevious?: SincePrevious;
  /** Non-fatal remarks of the run (unknown kinds, exceptions that match nothing, ...). */
  readonly warnings: readonly string[];
  readonly snapshot: Snapshot;
}

/**
 * The earlier bundles of the cluster this run's chain reaches: evidence of scheduled, regular runs (GDPR
 * Art. 32(1)(d)). endsAt: 'first' when the walk reached the chain's first bundle, 'missing' when a linked
 * bundle is no longer in the folder (pruned or moved).
 */
export interface RunHistory {
  readonly earlierRuns: number;
  /** createdAt of the oldest and of the newest earlier run reached. */
  readonly first?: string;
  readonly last?: string;
  readonly endsAt: 'first' | 'missing';
}

export interface EvidenceSummary {
  readonly namespaces: number;
  readonly workloads: number;
  readonly pods: number;
  readonly networkPolicies: number;
  readonly adminNetworkPolicies: number;
  readonly findingsBySeverity: Readonly<Record<string, number>>;
  readonly openFindings: number;
  readonly allowedConnections: number;
  readonly controlsByStatus: Readonly<Record<string, number>>;
}

/** How much of the connectivity evidence.json holds, and the namespace-level view of all of it. */
export interface ConnectivitySummary {
  /** Allowed peer-to-peer connections in total (outside-world blocks and the ingress controller included). */
  readonly total: number;
  /** How many of them evidence.json lists (the first, in sort order). */
  readonly listed: number;
  /** Whether connectivity.csv holds every connection (it holds the first 5 million in sort order). */
  readonly csvComplete: boolean;
  /** Allowed workload-to-workload pairs per ordered namespace pair (any connection), at most `namespacePairsListed`. */
  readonly namespacePairs: readonly NamespacePair[];
  readonly namespacePairsTotal: number;
  readonly workloadPairs: number;
}
