// The assessed effect of each Git change (SOC 2 CC8.1 "the effect of this change was assessed"): paths and
// findings it opened and closed, over the report's workloads, in counts plus the most important rows.
import type { Severity } from './finding.js';

export type ChangedPathScope = 'external' | 'cross-namespace' | 'same-namespace';

/** One workload pair (or a workload and an outside address range) whose allowed ports the change altered. */
export interface ChangedPath {
  readonly src: string;
  readonly dst: string;
  readonly change: 'opened' | 'closed' | 'changed';
  /** Ports allowed before and after ("TCP 443"); absent on the side where nothing was allowed. */
  readonly before?: string;
  readonly after?: string;
  readonly scope: ChangedPathScope;
}

/** A finding the change opened or closed. */
export interface ChangedFinding {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  /** "Namespace shop", "Deployment shop/web", "NetworkPolicy shop/allow-web". */
  readonly resource: string;
  readonly message: string;
  readonly change: 'opened' | 'closed';
}

export interface PathCounts {
  readonly opened: number;
  readonly closed: number;
  readonly changed: number;
  /** Of all the above: to or from outside addresses, and across namespaces. */
  readonly external: number;
  readonly crossNamespace: number;
}

/**
 * assessed: the desired state at the commit and at its parent were analysed; unknown: they could not be
 * determined (`reason` says why), so nothing is claimed about the change's effect.
 */
export interface ChangeImpact {
  readonly status: 'assessed' | 'unknown';
  readonly reason?: string;
  /** Policy objects the change added, removed and changed ("NetworkPolicy shop/allow-web"), at most the top rows. */
  readonly policies?: {
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
    readonly top: readonly string[];
  };
  readonly paths?: PathCounts & {
    /** False when the change touched too many workload pairs to compare them all: the counts are then a part. */
    readonly complete: boolean;
    /** Outside world first, then across namespaces; opened before changed before closed. */
    readonly top: readonly ChangedPath[];
  };
  readonly findings?: {
    readonly opened: number;
    readonly closed: number;
    /** Most severe first, opened before closed. */
    readonly top: readonly ChangedFinding[];
  };
}

/** What the changes were assessed against, said plainly in the report and in evidence.json. */
export interface ImpactBasis {
  readonly statement: string;
  readonly namespaces: number;
  readonly workloads: number;
  /** The snapshot whose workloads were used (its source name and when it was collected). */
  readonly snapshotSource: string;
  readonly snapshotCollectedAt: string;
  readonly assessed: number;
  readonly unknown: number;
  /** Rows kept per change for paths, findings and policies (the counts are always complete). */
  readonly topRows: number;
}
