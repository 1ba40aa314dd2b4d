// Findings: what the analyses conclude. Data, never exceptions.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** At most this many affected pairs are kept on a finding; pairCount still gives the full number. */
export const MAX_FINDING_PAIRS = 20;

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface ResourceRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** One affected (source, destination, connections) triple, in connlist notation. */
export interface AffectedPair {
  readonly src: string;
  readonly dst: string;
  readonly conns: string;
}

export interface Finding {
  /** Stable id: derived from rule and resource (see findingId), so runs can be compared. */
  readonly id: string;
  /** The check that produced it (kebab-case, e.g. "default-deny-ingress-missing"); controls map to it. */
  readonly rule: string;
  readonly severity: Severity;
  readonly resource: ResourceRef;
  /** One sentence an auditor reads first. */
  readonly message: string;
  /** The exact policy and rule that cause it ("web/allow-all spec.ingress[0].from[0]: {} matches every pod"). */
  readonly explanation?: string;
  readonly remediation?: string;
  /** A bounded sample of the pairs it affects; pairCount gives the full number. */
  readonly pairs?: readonly AffectedPair[];
  readonly pairCount?: number;
  /** Controls this finding gives evidence against (filled by src/compliance). */
  readonly controls?: readonly ControlRef[];
  /** An accepted-risk exception that covers it (filled by src/compliance). */
  readonly exception?: ExceptionStatus;
  /** Set when the organisation declared the condition intended: the finding is "expected" (severity info). */
  readonly intent?: FindingIntent;
  /**
   * SHA-256 of what the finding says (rule, severity, resource, message, explanation, pairs): an exception
   * pinned to it stops applying when the evidence changes (filled by src/compliance; absent in old bundles).
   */
  readonly evidenceHash?: string;
}

/** A declared intent: the annotation, the object that carries it, and who set it in Git (when known). */
export interface FindingIntent {
  /** "netpol-evidence.io/intended-exposure=internet". */
  readonly annotation: string;
  readonly on: ResourceRef;
  /** "Name <email> in commit abc123 on 2026-01-02 (...)", or why it is not known. */
  readonly setBy?: string;
}

export type Framework = 'soc2' | 'iso27001' | 'gdpr';

export interface ControlRef {
  readonly framework: Framework;
  /** As the framework writes it: "CC6.1", "A.8.22", "Art. 28(2)". */
  readonly id: string;
}

export interface ExceptionStatus {
  readonly status: 'accepted' | 'expired';
  readonly approver: string;
  readonly justification: string;
  /** ISO date (YYYY-MM-DD). */
  readonly expires: string;
  /** ISO date the risk was accepted, when the exceptions file records it. */
  readonly approved?: string;
  readonly riskOwner?: string;
  readonly ticket?: string;
}

export function resourceKey(r: ResourceRef): string {
  return `${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}
