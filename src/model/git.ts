// Git evidence: how each policy change was made (CC8.1 / A.8.32) and what Git declared at the ref's HEAD.
import type { ChangeImpact } from './change-impact.js';
import type { ApprovalSummary, ChangeRequest, ReviewHostEvidence, ReviewSource } from './change-request.js';
import type {
  AdminNetworkPolicy,
  BaselineAdminNetworkPolicy,
  CollectionWarning,
  NetworkPolicy,
  OtherPolicy,
} from './snapshot.js';

/** The %G? letter, named: G good, B bad, U unknown-key (valid, untrusted key), X/Y expired, R revoked, E error, N none. */
export type SignatureState = 'good' | 'bad' | 'unknown-key' | 'expired' | 'revoked' | 'none' | 'error';

export type SignatureFormat = 'gpg' | 'ssh' | 'x509' | 'none';

export interface GitSignature {
  readonly status: SignatureState;
  /** %GS: the signer (GPG user id or SSH principal). */
  readonly signer?: string;
  /** %GK: the key (GPG key id or SSH key fingerprint). */
  readonly key?: string;
  readonly format: SignatureFormat;
}

export interface GitPerson {
  readonly name: string;
  readonly email: string;
  /** ISO-8601 strict, as Git records it (with the author's offset). */
  readonly date: string;
}

export type FileChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface GitFileChange {
  readonly status: FileChangeStatus;
  readonly path: string;
  /** The path before a rename. */
  readonly oldPath?: string;
}

export interface GitTrailer {
  readonly key: string;
  readonly value: string;
}

export type ReviewKind = 'merge-request' | 'trailer' | 'none';

export interface GitReview {
  readonly reviewed: boolean;
  readonly kind: ReviewKind;
  /** "#42" (GitHub, Bitbucket) or "group/proj!42" (GitLab). */
  readonly reference?: string;
  /** The merge commit that brought this commit into the branch (for commits on a merged branch). */
  readonly viaMerge?: string;
  /** From Reviewed-by: / Approved-by: trailers ("Name <email>"). */
  readonly approvers: readonly string[];
  /** Set when the Git host was asked ("api"); absent in message-only evidence (see reviewSource). */
  readonly source?: ReviewSource;
  /** The host's pull/merge request that merged this commit (absent with source "api": a direct commit). */
  readonly request?: ChangeRequest;
  /** In evidence.json only: the verdict on the request's approvals. */
  readonly approval?: ApprovalSummary;
}

/** Where a review's facts come from: "api" when the host was asked, else "message" or "none". */
export function reviewSource(r: GitReview): ReviewSource {
  return r.source ?? (r.reviewed ? 'message' : 'none');
}

/** When a GitOps controller first reported a revision that contains the change. */
export interface ChangeDeployment {
  readonly at: string;
  readonly revision: string;
  /** "Argo CD Application argocd/web" or "Flux Kustomization flux-system/apps". */
  readonly by: string;
  /** Flux without status.history: the time is the Ready condition's, not the apply's. */
  readonly approximate?: boolean;
}

/** One commit in the period that touched the policy paths, or the merge that brought such commits in. */
export interface GitChange {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly author: GitPerson;
  readonly committer: GitPerson;
  readonly subject: string;
  /** Trailers of interest (Reviewed-by, Approved-by, Acked-by, Co-authored-by, Signed-off-by), in order. */
  readonly trailers: readonly GitTrailer[];
  /** Files under the policy paths (empty for a merge commit). */
  readonly files: readonly GitFileChange[];
  readonly signature: GitSignature;
  readonly review: GitReview;
  readonly deployed?: ChangeDeployment;
  /** In evidence.json only: the change's assessed effect on paths and findings (policy commits). */
  readonly impact?: ChangeImpact;
}

export type PolicyChangeAction = 'added' | 'modified' | 'deleted';

export interface PolicyChange {
  readonly sha: string;
  /** Committer date (when the change entered the branch's history). */
  readonly date: string;
  readonly action: PolicyChangeAction;
  readonly path: string;
}

/** The change log of one policy object in the period, resolved from the manifests at each commit. */
export interface PolicyChangeLog {
  readonly kind:
    | 'NetworkPolicy'
    | 'AdminNetworkPolicy'
    | 'BaselineAdminNetworkPolicy'
    | 'CiliumNetworkPolicy'
    | 'CiliumClusterwideNetworkPolicy';
  readonly namespace?: string;
  readonly name: string;
  readonly changes: readonly PolicyChange[];
}

/** A kustomize overlay or Helm chart found under the paths, and whether its output was analysed. */
export interface UnrenderedSource {
  readonly path: string;
  readonly tool: 'kustomize' | 'helm';
  readonly rendered: boolean;
  readonly reason?: string;
}

/** The policy objects Git declares at the ref's HEAD (the "desired state" drift compares against). */
export interface GitPolicySet {
  readonly networkPolicies: readonly NetworkPolicy[];
  readonly adminNetworkPolicies: readonly AdminNetworkPolicy[];
  readonly baselineAdminNetworkPolicies: readonly BaselineAdminNetworkPolicy[];
  /** CNI policies Git declares (Cilium's are compared field by field); absent in evidence written before. */
  readonly otherPolicies?: readonly OtherPolicy[];
}

export interface GitEvidence {
  /** Local path or URL, with any credentials removed. */
  readonly repo: string;
  readonly ref: string;
  readonly headSha: string;
  readonly paths: readonly string[];
  readonly period: { readonly since: string; readonly until: string };
  /** Newest first (git log order). */
  readonly commits: readonly GitChange[];
  readonly policyChanges: readonly PolicyChangeLog[];
  readonly unrendered: readonly UnrenderedSource[];
  readonly headPolicies: GitPolicySet;
  readonly warnings: readonly CollectionWarning[];
  /** The Git host asked for reviews and branch protection (--review-host). */
  readonly reviewHost?: ReviewHostEvidence;
  /** The desired state at each change and its parent, as steps from HEAD's (see DesiredStateStep). */
  readonly desiredStates?: readonly DesiredStateStep[];
}

/** At most this many policy changes (the newest of the period) get a recorded desired state and an assessed effect. */
export const MAX_ASSESSED_CHANGES = 500;

/** One policy object's version in a desired state; `object` absent means the state has no such object. */
export type PolicyVersion =
  | {
      readonly kind: 'NetworkPolicy';
      readonly namespace: string;
      readonly name: string;
      readonly object?: NetworkPolicy;
    }
  | { readonly kind: 'AdminNetworkPolicy'; readonly name: string; readonly object?: AdminNetworkPolicy }
  | {
      readonly kind: 'BaselineAdminNetworkPolicy';
      readonly name: string;
      readonly object?: BaselineAdminNetworkPolicy;
    };

/**
 * The desired state around one change, kept small: walking the steps in order from HEAD's policies
 * (headPolicies), `toCommit` turns the current state into the commit's, then `toParent` into its first
 * parent's, which becomes the current state of the next step. Only the objects that differ are listed.
 */
export interface DesiredStateStep {
  readonly sha: string;
  /** The first parent (absent for a root commit: the state before it is empty). */
  readonly parent?: string;
  readonly toCommit: readonly PolicyVersion[];
  readonly toParent: readonly PolicyVersion[];
  /** Why the desired state at the commit or its parent is not known (a source that did not render or parse). */
  readonly unknown?: string;
}

/** unknown: the desired state could not be determined (a source that did not render), so nothing is claimed. */
export type DriftState = 'missingInCluster' | 'notInGit' | 'modified' | 'unknown';

/** One field that differs between Git's and the cluster's spec ("spec.ingress[0].ports[0].port"). */
export interface DriftDifference {
  readonly path: string;
  readonly git?: unknown;
  readonly cluster?: unknown;
}

/** A policy whose desired state (Git) and live state (cluster) disagree. */
export interface DriftEntry {
  readonly kind: PolicyChangeLog['kind'];
  readonly namespace?: string;
  readonly name: string;
  readonly state: DriftState;
  readonly differences: readonly DriftDifference[];
  /** Why the state is unknown (the sources of the desired state that could not be rendered). */
  readonly reason?: string;
}

/** "NetworkPolicy/ns/name", "AdminNetworkPolicy//name": the same key the Git change log uses. */
export function versionKey(v: { kind: string; namespace?: string; name: string }): string {
  return `${v.kind}/${v.namespace ?? ''}/${v.name}`;
}

/** A policy set as versions by key (every value carries its object). */
export function policyVersions(set: GitPolicySet): Map<string, PolicyVersion> {
  const out = new Map<string, PolicyVersion>();
  for (const o of set.networkPolicies)
    out.set(versionKey({ kind: 'NetworkPolicy', ...o }), {
      kind: 'NetworkPolicy',
      namespace: o.namespace,
      name: o.name,
      object: o,
    });
  for (const o of set.adminNetworkPolicies)
    out.set(versionKey({ kind: 'AdminNetworkPolicy', name: o.name }), {
      kind: 'AdminNetworkPolicy',
      name: o.name,
      object: o,
    });
  for (const o of set.baselineAdminNetworkPolicies)
    out.set(versionKey({ kind: 'BaselineAdminNetworkPolicy', name: o.name }), {
      kind: 'BaselineAdminNetworkPolicy',
      name: o.name,
      object: o,
    });
  return out;
}

/** The comparable content of a version: its spec (and ANP priority), not where it was declared. */
export function versionContent(v: PolicyVersion | undefined): string | undefined {
  if (!v?.object) return undefined;
  return v.kind === 'AdminNetworkPolicy'
    ? JSON.stringify([v.object.priority, v.object.spec])
    : JSON.stringify(v.object.spec);
}
