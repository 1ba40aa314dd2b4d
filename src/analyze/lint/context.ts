// What every lint rule gets: the objects with positions, and the workloads and namespaces selectors match.
import type { LabelSelector } from '../../model/kube.js';
import type { FieldPathPart, LintInput, LintLevel, LintObject } from '../../model/lint.js';
import type { Namespace } from '../../model/snapshot.js';
import { workloadPeers, type WorkloadPeer } from '../peers.js';
import { matchesSelector, namespaceLabels } from '../selectors.js';

/** One problem a rule found, before it is given a position and a fingerprint. */
export interface LintHit {
  readonly object: LintObject;
  readonly path: readonly FieldPathPart[];
  readonly message: string;
  /** Overrides the rule's default level. */
  readonly level?: LintLevel;
}

export interface LintContext {
  readonly objects: readonly LintObject[];
  readonly workloads: readonly WorkloadPeer[];
  readonly namespaces: readonly Namespace[];
  /** Namespaces whose existence is known (declared in the paths, or in --snapshot); undefined when none is. */
  readonly knownNamespaces?: ReadonlySet<string>;
  /** Workloads in `ns` whose pod labels match `sel`. */
  podsIn(ns: string, sel: LabelSelector): WorkloadPeer[];
  /** Namespaces (by name) whose labels match `sel`. */
  namespacesMatching(sel: LabelSelector): string[];
}

export type LintRule = (ctx: LintContext) => LintHit[];

/** Workloads and namespaces of the paths, plus those of the live snapshot when given. */
export function lintContext(input: LintInput): LintContext {
  const live = input.live;
  const workloads = workloadPeers({
    workloads: [...(live?.workloads ?? []), ...input.manifests.workloads],
    pods: [...(live?.pods ?? []), ...input.manifests.pods],
  });
  const byNs = new Map<string, Namespace>();
  for (const n of [...(live?.namespaces ?? []), ...input.manifests.namespaces]) {
    const seen = byNs.get(n.name);
    if (!seen || (seen.implicit && !n.implicit)) byNs.set(n.name, n);
  }
  const namespaces = [...byNs.values()];
  const declared = namespaces.filter((n) => !n.implicit).map((n) => n.name);
  const knownNamespaces = live || declared.length > 0 ? new Set(declared) : undefined;
  return {
    objects: input.objects,
    workloads,
    namespaces,
    ...(knownNamespaces ? { knownNamespaces } : {}),
    podsIn: (ns, sel) => workloads.filter((w) => w.namespace === ns && matchesSelector(w.podLabels, sel)),
    namespacesMatching: (sel) =>
      namespaces.filter((n) => matchesSelector(namespaceLabels(n), sel)).map((n) => n.name),
  };
}

/** The workloads a NetworkPolicy peer (podSelector and/or namespaceSelector) selects, from `ns`'s point of view. */
export function peerWorkloads(
  ctx: LintContext,
  ns: string,
  peer: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector },
): WorkloadPeer[] {
  const nss = peer.namespaceSelector ? ctx.namespacesMatching(peer.namespaceSelector) : [ns];
  const pod = peer.podSelector ?? {};
  return nss.flatMap((n) => ctx.podsIn(n, pod));
}
