// What every rule gets: the snapshot, the class-level reachability, coverage and resolved options.
import type { NamespaceCoverage } from '../../model/connectivity.js';
import type { AffectedPair, Finding, ResourceRef, Severity } from '../../model/finding.js';
import { findingId } from '../../model/hash.js';
import { MAX_FINDING_PAIRS, resourceKey } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { Reachability } from '../reachability/index.js';
import type { PortSet } from '../port-set.js';

export interface AnalyzeOptions {
  /** Label keys that name a workload's owner (any one is enough). */
  readonly ownerLabels?: readonly string[];
  /** Label keys that give a workload's data classification (any one is enough). */
  readonly classificationLabels?: readonly string[];
}

export interface ResolvedOptions {
  readonly ownerLabels: readonly string[];
  readonly classificationLabels: readonly string[];
}

export const DEFAULT_OPTIONS: ResolvedOptions = {
  ownerLabels: ['owner', 'team', 'app.kubernetes.io/owner'],
  classificationLabels: ['data-classification', 'classification'],
};

export function resolveOptions(o: AnalyzeOptions | undefined): ResolvedOptions {
  return {
    ownerLabels: o?.ownerLabels ?? DEFAULT_OPTIONS.ownerLabels,
    classificationLabels: o?.classificationLabels ?? DEFAULT_OPTIONS.classificationLabels,
  };
}

export interface RuleContext {
  readonly snapshot: Snapshot;
  readonly reach: Reachability;
  readonly coverage: readonly NamespaceCoverage[];
  readonly options: ResolvedOptions;
  /**
   * Set when only some findings are wanted (a change's impact): rules may skip workloads outside these
   * namespaces and policies outside these keys ("NetworkPolicy/ns/name"); extra findings are filtered out.
   */
  readonly scope?: RuleScope;
}

export interface RuleScope {
  readonly namespaces: ReadonlySet<string>;
  readonly policies: ReadonlySet<string>;
}

/** A check over the analysis: returns its findings (data, never exceptions). */
export type Rule = (ctx: RuleContext) => Finding[];

/** The same bound as every other finding's pair sample. */
export const MAX_PAIRS = MAX_FINDING_PAIRS;

/** Collects pairs: keeps a bounded sample and counts them all. */
export class PairSample {
  readonly pairs: AffectedPair[] = [];
  count = 0;
  add(src: string, dst: string, conns: PortSet): void {
    this.count++;
    if (this.pairs.length < MAX_PAIRS) this.pairs.push({ src, dst, conns: conns.toString() });
  }
}

export function finding(
  rule: string,
  severity: Severity,
  resource: ResourceRef,
  text: { message: string; explanation: string; remediation: string },
  sample?: PairSample,
): Finding {
  return {
    id: findingId(rule, resourceKey(resource)),
    rule,
    severity,
    resource,
    message: text.message,
    explanation: text.explanation,
    remediation: text.remediation,
    ...(sample ? { pairs: sample.pairs, pairCount: sample.count } : {}),
  };
}

/** The resource of a workload peer ("ns/name[Kind]"). */
export function peerResource(ctx: RuleContext, peer: number): ResourceRef {
  const p = ctx.reach.engine.u.peers[peer]!;
  return { kind: p.kind, namespace: p.namespace, name: p.name };
}
