// Active probes: connections tried from real pods (ephemeral containers) and compared with what the policies
// allow. A plan (src/analyze/probes), its run (src/collect/probes) and the evidence section (docs/probes.md).
import type { Protocol } from './kube.js';

export const PROBE_PLAN_KIND = 'ProbePlan' as const;
export const PROBE_RESULTS_KIND = 'ProbeResults' as const;
export const PROBE_SCHEMA_VERSION = 1 as const;

/** What the analysis says a probe should see. */
export type ProbeExpectation = 'allow' | 'deny';

/** One end of a probe: a real pod of a workload peer ("ns/name[Kind]"). */
export interface ProbePod {
  readonly namespace: string;
  readonly pod: string;
  /** The workload peer the pod belongs to, in connlist notation. */
  readonly workload: string;
}

/** One planned connection attempt: from a source pod to a destination pod's IP on one port. */
export interface PlannedProbe {
  /** "p001", ... in plan order. */
  readonly id: string;
  readonly from: ProbePod;
  readonly to: ProbePod & { readonly ip: string };
  readonly protocol: Protocol;
  readonly port: number;
  readonly expect: ProbeExpectation;
  /** Why: the rule that allows it, or the policies that deny it (default deny included). */
  readonly reason: string;
  /** The NetworkPolicy rule ("ns/name spec.ingress[0]") an allow probe exercises, when one was the reason. */
  readonly rule?: string;
}

/** `probe plan` output (docs/probe-plan.schema.json). */
export interface ProbePlan {
  readonly kind: typeof PROBE_PLAN_KIND;
  readonly schemaVersion: typeof PROBE_SCHEMA_VERSION;
  readonly createdAt: string;
  /** The snapshot the expectations come from. */
  readonly source: { readonly type: 'cluster' | 'manifests'; readonly name: string };
  readonly maxProbes: number;
  /** True when more candidates existed than --max-probes let in. */
  readonly truncated: boolean;
  /** Workload peers with no running pod with an IP (they can be neither source nor destination). */
  readonly unprobeableWorkloads: number;
  readonly probes: readonly PlannedProbe[];
}

/**
 * What the probe saw: agnhost `connect` exits 0 on a connection and prints TIMEOUT, REFUSED, DNS, OTHER or
 * UNKNOWN otherwise; `error` means the probe itself did not run to the end (image pull, pod gone, time box).
 */
export type ProbeObservation = 'connected' | 'timeout' | 'refused' | 'other' | 'error';

/** One executed probe. */
export interface ProbeResult extends PlannedProbe {
  readonly observed: ProbeObservation;
  /** The first line of the container's log, or the error that stopped the probe. */
  readonly detail: string;
  readonly exitCode?: number;
  readonly container: string;
  readonly image: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/** `probe run` output (docs/probe-results.schema.json). */
export interface ProbeResults {
  readonly kind: typeof PROBE_RESULTS_KIND;
  readonly schemaVersion: typeof PROBE_SCHEMA_VERSION;
  /** The API server the probes ran against (no credentials). */
  readonly server: string;
  readonly image: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** SHA-256 of the plan's JSON as run. */
  readonly planSha256: string;
  readonly results: readonly ProbeResult[];
}

/**
 * A probe compared with the report's analysis: `enforced` (denied and blocked), `allowed` (allowed and
 * connected), `unenforced` (denied but connected), `dropped-allowed` (allowed but timed out), `inconclusive`
 * (refused, other network errors, a UDP timeout), `error` (did not run), `unresolved` (an end not in the
 * report's snapshot).
 */
export type ProbeOutcome =
  'enforced' | 'allowed' | 'unenforced' | 'dropped-allowed' | 'inconclusive' | 'error' | 'unresolved';

export interface ProbeEvidence extends ProbeResult {
  /** What the report's snapshot allows (may differ from the plan's `expect` when policies changed). */
  readonly expected?: ProbeExpectation;
  readonly outcome: ProbeOutcome;
}

/** evidence.json `probes`: active probe results compared with what the policies allow. */
export interface ProbesSection {
  readonly sources: readonly {
    readonly path: string;
    readonly sha256: string;
    readonly server: string;
    readonly image: string;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly planSha256: string;
  }[];
  readonly counts: Readonly<Record<ProbeOutcome, number>> & { readonly total: number };
  readonly results: readonly ProbeEvidence[];
}
