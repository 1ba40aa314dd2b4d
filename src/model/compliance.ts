// Compliance model: control catalogs, the crosswalk, the sub-processor inventory, exceptions and results.
import type { ControlRef, Finding, Framework } from './finding.js';

/** One control (criterion, Annex A control, GDPR article) and the checks that give evidence for it. */
export interface Control {
  readonly framework: Framework;
  /** As the framework writes it: "CC6.1", "A.8.22", "Art. 28(2)". */
  readonly id: string;
  readonly title: string;
  /** One line in our own words (never the standard's text). */
  readonly statement: string;
  /** Rule ids mapped to it by the effective crosswalk, sorted. */
  readonly checks: readonly string[];
  /** Per check in `checks`: whether it tests the control's network part directly or is one piece of evidence. */
  readonly strengths: Readonly<Record<string, MappingStrength>>;
}

/**
 * addresses: the check tests the network part of the control directly. supports: it is one piece of
 * evidence among others the control needs (documents, process, runtime), so passing it never satisfies it.
 */
export type MappingStrength = 'addresses' | 'supports';

/** One crosswalk entry: a control a check gives evidence for, and how strongly. */
export interface MappedControl extends ControlRef {
  readonly strength: MappingStrength;
}

export interface Catalog {
  readonly framework: Framework;
  readonly name: string;
  readonly version: string;
  readonly controls: readonly Control[];
}

/** A country list with an as-of date: which destinations need no further transfer safeguard (GDPR Art. 45). */
export interface AdequacyList {
  readonly asOf: string;
  readonly source: string;
  /** EEA member states (ISO 3166-1 alpha-2): no transfer at all. */
  readonly eea: readonly string[];
  /** Countries with an adequacy decision covering all private-sector recipients. */
  readonly adequate: readonly string[];
  /** Countries whose adequacy covers only recipients that certify under a framework (e.g. US: EU-US DPF). */
  readonly frameworkOnly: Readonly<Record<string, TransferMechanism>>;
  /** Per country: the decision's reference, scope notes and expiry (past validUntil it no longer counts). */
  readonly decisions?: Readonly<Record<string, AdequacyDecision>>;
  /** International organisations with an Art. 45 adequacy decision, by short code (EPO). */
  readonly internationalOrganisations?: Readonly<Record<string, InternationalOrganisation>>;
}

/** An international organisation recipient (GDPR Art. 4(26)) with an adequacy decision. */
export interface InternationalOrganisation extends AdequacyDecision {
  readonly name: string;
}

export interface AdequacyDecision {
  readonly reference: string;
  readonly scope?: string;
  /** ISO date: the decision lapses after this day unless renewed (UK: 27 December 2031). */
  readonly validUntil?: string;
}

/** Catalogs, crosswalk and adequacy data after the package files and the user's files are merged. */
export interface Catalogs {
  readonly catalogs: readonly Catalog[];
  /** Rule id -> controls it gives evidence for (sorted by framework, then id). */
  readonly mapping: Readonly<Record<string, readonly MappedControl[]>>;
  readonly adequacy: AdequacyList;
  /** Files the catalogs were read from, in load order (for the report's provenance). */
  readonly sources: readonly string[];
  /** SHA-256 of each of those files, in the same order. */
  readonly digests?: readonly { readonly file: string; readonly sha256: string; readonly user: boolean }[];
  /** What each --controls file changed in the package crosswalk ("allow-all-rule soc2"), for the cover. */
  readonly mappingChanges?: readonly MappingChange[];
}

/** A user file that changed the crosswalk, and the rule/framework entries it changed. */
export interface MappingChange {
  readonly file: string;
  readonly changes: readonly string[];
}

/** GDPR Chapter V basis for a transfer (documented in docs/controls.md and docs/inventory.schema.json). */
export type TransferMechanism = 'EEA' | 'adequacy' | 'EU-US-DPF' | 'SCCs' | 'BCRs' | 'Art49-derogation';

export type VendorStatus = 'active' | 'onboarding' | 'offboarding' | 'inactive';

/** GDPR Art. 4(7)-(8), Art. 28(4): what the vendor is to us. A controller needs no Art. 28 DPA. */
export type VendorRole = 'processor' | 'sub-processor' | 'controller';

/** The modules of the 2021 standard contractual clauses (Commission Implementing Decision (EU) 2021/914). */
export type SccModule =
  | 'controller-to-controller'
  | 'controller-to-processor'
  | 'processor-to-processor'
  | 'processor-to-controller';

/** A vendor's own sub-processor (an onward recipient of the data). */
export interface OnwardSubprocessor {
  readonly name: string;
  readonly purpose?: string;
  readonly countries?: readonly string[];
}

/** One sub-processor as the user declares it in the inventory file. */
export interface Subprocessor {
  readonly name: string;
  readonly legalEntity?: string;
  readonly purpose: string;
  readonly dataCategories: readonly string[];
  readonly countries: readonly string[];
  readonly transferMechanism: readonly TransferMechanism[];
  /** ISO dates (YYYY-MM-DD). */
  /** Absent: no DPA is recorded (a dpa-missing finding). */
  readonly dpaSigned?: string;
  readonly lastReviewed: string;
  readonly status: VendorStatus;
  readonly endpoints: { readonly cidrs: readonly string[]; readonly hosts: readonly string[] };
  /** Namespaces whose workloads may send data to it. */
  readonly namespaces: readonly string[];
  readonly role?: VendorRole;
  /** The DPA's reference in the contract register. */
  readonly dpaReference?: string;
  readonly sccs?: { readonly module: SccModule; readonly version: string };
  /** ISO date of the transfer impact assessment (needed when a transfer relies on SCCs or BCRs). */
  readonly transferImpactAssessment?: string;
  /** Per country: the one mechanism the transfer there relies on (overrides transferMechanism for it). */
  readonly mechanismByCountry?: Readonly<Record<string, TransferMechanism>>;
  /** International organisations that receive the data (codes of adequacy.yaml internationalOrganisations). */
  readonly internationalOrganisations?: readonly string[];
  readonly onwardSubprocessors?: readonly OnwardSubprocessor[];
  readonly dataSubjects?: readonly string[];
  readonly retention?: string;
  /** Where it was declared ("inventory.yaml:12"). */
  readonly origin?: string;
}

export interface Inventory {
  readonly file: string;
  readonly subprocessors: readonly Subprocessor[];
}

/** An accepted risk: names a finding (by id, or rule + resource) until an expiry date. */
export interface RiskException {
  readonly findingId?: string;
  readonly rule?: string;
  readonly resource?: { readonly kind?: string; readonly namespace?: string; readonly name: string };
  readonly justification: string;
  readonly approver: string;
  /** ISO date (YYYY-MM-DD); the exception holds through that day (UTC). */
  readonly expires: string;
  /** ISO date the risk was accepted; validity is counted from it (from the run date when absent). */
  readonly approved?: string;
  /** Who owns the accepted risk (ISO 27001 6.1.3 e: risk owners approve the treatment). */
  readonly riskOwner?: string;
  /** What reduces the risk meanwhile. */
  readonly compensatingControls?: readonly string[];
  /** The change or risk ticket that records the decision. */
  readonly ticket?: string;
  /** Pins the exception to the finding's evidenceHash (a prefix of at least 12 hex digits). */
  readonly evidenceHash?: string;
  readonly origin?: string;
}

/**
 * accepted: it covers a finding. expired: past its expiry. noMatch: no finding has its target.
 * findingChanged: a finding has its target but not its pinned evidence hash, so it no longer applies.
 */
export type ExceptionState = 'accepted' | 'expired' | 'noMatch' | 'findingChanged';

/** An exception as the report shows it: what it matched, how long it is valid, and findings about it. */
export interface ExceptionReview extends RiskException {
  readonly state: ExceptionState;
  /** Findings whose target it names (covered ones, or ones whose evidence changed). */
  readonly findingIds: readonly string[];
  /** Days from `approved` (or the run date when absent) to `expires`. */
  readonly validityDays: number;
  readonly validityFrom: 'approved' | 'runDate';
  /** Findings raised about this exception (expired, too long, unmatched, changed, self-approved). */
  readonly raised: readonly string[];
}

export interface ExceptionsFile {
  readonly file: string;
  readonly exceptions: readonly RiskException[];
}

/**
 * satisfied: a check that `addresses` it ran and nothing open was found. supported: the same, but every
 * check that ran only `supports` it (network data is one piece of its evidence, never all of it).
 */
export type ControlStatus = 'satisfied' | 'supported' | 'notSatisfied' | 'partial' | 'notTested';

/** Every status, best first (reports count and order them by this list). */
export const CONTROL_STATUSES: readonly ControlStatus[] = [
  'satisfied',
  'supported',
  'partial',
  'notSatisfied',
  'notTested',
];

/** passed: no finding. failed: an open finding above info. accepted: only accepted ones. informational: only info. */
export type CheckOutcome = 'passed' | 'failed' | 'accepted' | 'informational';

/** A check that ran for a control, how strongly it maps to it, and what it found. */
export interface CheckRun {
  readonly check: string;
  readonly strength: MappingStrength;
  readonly outcome: CheckOutcome;
  readonly findingIds: readonly string[];
}

export interface ControlResult {
  readonly framework: Framework;
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly status: ControlStatus;
  /** Findings mapped to it (open and accepted), sorted. */
  readonly findingIds: readonly string[];
  /** Checks that ran and raised no finding against it. */
  readonly evidence: readonly string[];
  /** Every check mapped to it, run or not. */
  readonly checks: readonly string[];
  /** The checks that ran, with strength and outcome (what the report prints per control). */
  readonly checksRan: readonly CheckRun[];
}

/** The sub-processor register (GDPR Art. 28/30 evidence): a declared vendor and who can reach it. */
export interface VendorRegisterEntry extends Omit<Subprocessor, 'origin'> {
  /** Workloads whose policies allow egress to this vendor's CIDRs specifically. */
  readonly reachableFrom: readonly string[];
  /** Workloads that reach it only through unrestricted (internet-wide) egress. */
  readonly reachableViaOpenEgress: readonly string[];
  /** CNI policies (Cilium toFQDNs, Calico domains) that allow one of its hostnames. */
  readonly hostPolicies: readonly string[];
  readonly findingIds: readonly string[];
}

export interface ComplianceResult {
  /** Every finding, with controls and exception set; sorted by severity, then id. */
  readonly findings: readonly Finding[];
  readonly controls: readonly ControlResult[];
  readonly register?: readonly VendorRegisterEntry[];
  readonly checksRun: readonly string[];
  /** Each exception with its state, when an exceptions file was given. */
  readonly exceptions?: readonly ExceptionReview[];
  /** Non-fatal remarks (an exception that matches no finding). */
  readonly warnings: readonly string[];
}
