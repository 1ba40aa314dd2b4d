// What GitOps controllers in the cluster report having applied: Argo CD Applications and Flux Kustomizations.

export type GitOpsKind = 'Application' | 'Kustomization' | 'GitRepository';

/** One revision a controller reports, with when it reached the cluster. */
export interface GitOpsRevision {
  readonly controller: 'argocd' | 'flux';
  readonly kind: GitOpsKind;
  readonly namespace: string;
  readonly name: string;
  /** The source repository the controller reads (spec.source.repoURL, GitRepository spec.url). */
  readonly repoUrl?: string;
  /** Full commit SHA. */
  readonly revision: string;
  /**
   * Argo CD: status.history[].deployedAt. Flux: status.history[].firstReconciled; without history, the Ready
   * condition's lastTransitionTime (then `approximate`: a later apply does not move it).
   */
  readonly at: string;
  /** Applied to the cluster (Application, Kustomization) or only fetched (GitRepository). */
  readonly applied: boolean;
  readonly approximate?: boolean;
}
