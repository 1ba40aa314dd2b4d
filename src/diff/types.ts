// What changed between two evidence bundles: the shape `diff` prints as text, JSON and HTML.
import type { ControlStatus } from '../model/compliance.js';
import type { Severity } from '../model/finding.js';

/** One side of the comparison, named the way an auditor finds the bundle again. */
export interface DiffSide {
  readonly reportId: string;
  readonly generatedAt: string;
  readonly source: string;
}

/** One field that differs between two versions of a policy ("spec.ingress[0].ports[0].port"). */
export interface FieldChange {
  readonly path: string;
  /** JSON text of the old and new value; absent when the field did not exist on that side. */
  readonly before?: string;
  readonly after?: string;
}

export interface PolicyChange {
  /** "NetworkPolicy web/default-deny", "AdminNetworkPolicy tenant-isolation". */
  readonly policy: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly fields: readonly FieldChange[];
}

export interface CoverageChange {
  readonly namespace: string;
  /** Human phrases, one per changed property ("egress default deny: yes -> no"). */
  readonly changes: readonly string[];
  /** True when the namespace lost protection (a default deny or selected workloads). */
  readonly weakened: boolean;
}

export type PathScope = 'external' | 'cross-namespace' | 'same-namespace';

export interface PathChange {
  readonly src: string;
  readonly dst: string;
  readonly change: 'opened' | 'closed' | 'changed';
  readonly before?: string;
  readonly after?: string;
  readonly scope: PathScope;
}

export interface ControlChange {
  readonly framework: string;
  readonly id: string;
  readonly title?: string;
  readonly before?: ControlStatus;
  readonly after?: ControlStatus;
}

export interface VendorChange {
  readonly vendor: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly details: readonly string[];
}

export interface FindingChange {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly resource: string;
  readonly message: string;
  readonly change: 'opened' | 'closed' | 'severity' | 'exception';
  readonly detail?: string;
}

/** One observed-flow count of each bundle (--flows); absent on a side whose report read no flows. */
export interface EnforcementChange {
  /** "flows read", "allowed and forwarded", "enforcement seen", "unenforced", "dropped although allowed". */
  readonly measure: string;
  readonly before?: number;
  readonly after?: number;
}

/** Everything that differs, each list sorted for byte-identical output. */
export interface EvidenceDiff {
  readonly old: DiffSide;
  readonly new: DiffSide;
  readonly policies: readonly PolicyChange[];
  readonly coverage: readonly CoverageChange[];
  readonly paths: readonly PathChange[];
  /**
   * False when a cluster was too large to expand every connection: paths were then compared over the
   * connections the bundles list, and a path beyond them is neither opened nor closed here.
   */
  readonly pathsComplete: boolean;
  /** Egress to outside the cluster that is newly allowed (address ranges per source workload). */
  readonly newEgress: readonly PathChange[];
  readonly controls: readonly ControlChange[];
  readonly vendors: readonly VendorChange[];
  readonly findings: readonly FindingChange[];
  /** Observed-flow outcomes side by side, when either report compared flows with its policies. */
  readonly enforcement?: readonly EnforcementChange[];
  readonly counts: Readonly<Record<string, number>>;
}
