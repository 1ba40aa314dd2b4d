// Evidence over time: what a period report keeps of each bundle, and what it concludes.
import type { ControlStatus } from '../model/compliance.js';
import type { Connection } from '../model/connectivity.js';
import type { SignatureStatus } from '../model/evidence.js';
import type { ExceptionStatus, Finding, Severity } from '../model/finding.js';
import type { ControlRow, PathChange, PolicyChange, VendorChange, VendorRow } from '../diff/index.js';

/** A Git commit of the change log, reduced to what the timeline prints. */
export interface CommitDigest {
  readonly sha: string;
  readonly date: string;
  readonly subject: string;
  readonly author: string;
  readonly reviewed?: boolean;
  readonly signature?: string;
  /** api (verified with the Git host), message or none (evidence.json review.source). */
  readonly reviewSource?: string;
  /** An approval by someone other than the author and committers before the merge (api only). */
  readonly independentlyApproved?: boolean;
  readonly mergedAt?: string;
  /** When a GitOps controller applied it (exact times only). */
  readonly deployedAt?: string;
  /** False for a merge commit that only carried other commits' changes. */
  readonly policyChange?: boolean;
}

/** The period's change population (CC8.1): share independently approved, time from merge to deploy. */
export interface ChangePeriod {
  readonly changes: number;
  readonly verifiedWithHost: number;
  readonly independentlyApproved: number;
  /** independentlyApproved / changes, 0..1 (0 when there were no changes). */
  readonly share: number;
  readonly mergeToDeployMeasured: number;
  readonly medianMergeToDeployMinutes?: number;
}

export interface FindingDigest {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly resource: string;
  readonly message: string;
  readonly exception?: ExceptionStatus;
}

/** The parts of one bundle's evidence.json a period report needs (the snapshot is dropped on reading). */
export interface BundleContent {
  readonly reportId: string;
  readonly generatedAt: string;
  readonly controls: readonly ControlRow[];
  readonly findings: readonly FindingDigest[];
  /** Policy versions keyed "Kind ns/name" (see policyVersions). */
  readonly policies: ReadonlyMap<
    string,
    { readonly key: string; readonly body: Readonly<Record<string, unknown>> }
  >;
  readonly vendors: readonly VendorRow[];
  /** Allowed connections to or from the outside world (for "new egress" between days). */
  readonly external: readonly Connection[];
  readonly commits: readonly CommitDigest[];
  readonly findingsBySeverity: Readonly<Record<string, number>>;
  /** Signed with a throwaway demo key (the period report's cover says so). */
  readonly demoSigned?: boolean;
  /** Observed-flow outcomes, when the bundle's report read flows (--flows, --hubble-relay). */
  readonly enforcement?: EnforcementCounts;
}

/** One bundle folder as found and verified: counted only when `problems` is empty. */
export interface BundleRecord {
  /** The folder name ("2026-01-15T10-00-00Z"). */
  readonly name: string;
  readonly dir: string;
  /** UTC day the bundle was made (from its folder name). */
  readonly day: string;
  readonly bundleId?: string;
  readonly manifestSha256?: string;
  readonly previous?: { readonly bundleId: string; readonly manifestSha256: string } | null;
  /** Failed verification checks, one line each ("file evidence.json: sha256 differs"). */
  readonly problems: readonly string[];
  /** Checks that failed only because no --ca was given (signatures valid, signer not anchored). */
  readonly unanchored: boolean;
  readonly content?: BundleContent;
}

export type DayStatus = 'covered' | 'missing' | 'unverified';

export interface DayRecord {
  readonly day: string;
  readonly status: DayStatus;
  readonly bundles: readonly string[];
}

export interface ControlPeriod {
  readonly framework: string;
  readonly id: string;
  readonly title?: string;
  /** Days with counted evidence for this control. */
  readonly daysEvaluated: number;
  /** Days it was satisfied or supported (no open finding on a check that ran). */
  readonly daysSatisfied: number;
  /** daysSatisfied / daysEvaluated, 0..1 (0 when never evaluated). */
  readonly share: number;
  /** Days it was evaluated and not satisfied, with the worst status that day. */
  readonly notSatisfied: readonly { readonly day: string; readonly status: ControlStatus }[];
}

export interface FindingLifecycle extends FindingDigest {
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** When the first counted bundle without it was made (undefined: still open at the end). */
  readonly closedAt?: string;
  readonly timeToCloseDays?: number;
  /** Times it disappeared and came back. */
  readonly reopened: number;
  readonly openAtEnd: boolean;
}

export interface ExceptionPeriod {
  readonly findingId: string;
  readonly rule: string;
  readonly resource: string;
  readonly status: ExceptionStatus['status'];
  readonly approver: string;
  readonly justification: string;
  readonly expires: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** What one report saw of the data plane: flows read and the outcome of comparing them with the policies. */
export interface EnforcementCounts {
  readonly flows: number;
  readonly allowedForwarded: number;
  readonly enforced: number;
  readonly unenforced: number;
  readonly droppedAllowed: number;
}

/** One counted bundle's enforcement evidence, for the period's day-by-day table. */
export interface EnforcementDay extends EnforcementCounts {
  readonly bundle: string;
  readonly at: string;
}

export interface TimelineEntry {
  /** The bundle that first showed the change. */
  readonly bundle: string;
  readonly at: string;
  /** The bundle before it (the diff's base). */
  readonly since: string;
  readonly policies: readonly PolicyChange[];
  readonly vendors: readonly VendorChange[];
  readonly egress: readonly PathChange[];
  /** Git commits dated after the previous bundle and up to this one. */
  readonly commits: readonly CommitDigest[];
}

/** period.json: the period report's content (also rendered as HTML and PDF). */
export interface PeriodReport {
  readonly schemaVersion: 1;
  readonly kind: 'period';
  readonly reportId: string;
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly cluster: string;
  readonly organisation?: string;
  readonly period: { readonly since: string; readonly until: string };
  readonly signature: SignatureStatus;
  readonly trustAnchor?: string;
  readonly summary: {
    readonly days: number;
    readonly daysCovered: number;
    readonly daysMissing: number;
    readonly daysUnverified: number;
    readonly bundlesFound: number;
    readonly bundlesCounted: number;
    readonly bundlesRejected: number;
  };
  readonly days: readonly DayRecord[];
  /** Absent in period reports made before review evidence existed. */
  readonly changes?: ChangePeriod;
  readonly rejected: readonly {
    readonly bundle: string;
    readonly day: string;
    readonly problems: readonly string[];
  }[];
  readonly controls: readonly ControlPeriod[];
  readonly findings: readonly FindingLifecycle[];
  readonly exceptions: readonly ExceptionPeriod[];
  readonly timeline: readonly TimelineEntry[];
  /** Per counted bundle that read flows: its enforcement counts (absent when none did). */
  readonly enforcement?: readonly EnforcementDay[];
  /** Findings about the evidence itself: gap days, rejected bundles, broken chain links (in date order). */
  readonly periodFindings: readonly Finding[];
  /** Counted bundles that were signed with a throwaway demo key. */
  readonly demoSignedBundles?: number;
}
