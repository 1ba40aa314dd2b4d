// Argo CD Application and Flux Kustomization/GitRepository status -> the revisions they report applying.
// Field names follow argoproj.io/v1alpha1 (status.history[].revision/deployedAt, status.operationState) and
// kustomize.toolkit.fluxcd.io/v1, source.toolkit.fluxcd.io/v1 (status.history, lastAppliedRevision, artifact).
import type { GitOpsRevision } from '../../model/gitops.js';
import type { SnapshotBuilder } from './builder.js';
import { isRecord, type Raw } from './raw.js';

/** API groups whose objects are read here. */
export const GITOPS_GROUPS = new Map<string, string>([
  ['argoproj.io', 'Application'],
  ['kustomize.toolkit.fluxcd.io', 'Kustomization'],
  ['source.toolkit.fluxcd.io', 'GitRepository'],
]);

const SHA = /^[0-9a-f]{40}$/;

/** The commit in a Flux revision ("main@sha1:<sha>", "sha1:<sha>", legacy "main/<sha>") or an Argo revision. */
export function commitOf(revision: unknown): string | undefined {
  if (typeof revision !== 'string') return undefined;
  const m = /(?:^|[@:/])([0-9a-f]{40})$/.exec(revision);
  return m?.[1] && SHA.test(m[1]) ? m[1] : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function list(v: unknown): Raw[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function iso(v: unknown): string | undefined {
  const s = str(v);
  return s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined;
}

/** Reads one object of a GitOps group into `b.gitops`; objects without a usable status add nothing. */
export function readGitOps(
  obj: Raw,
  kind: string,
  namespace: string,
  name: string,
  b: SnapshotBuilder,
): void {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const status = isRecord(obj.status) ? obj.status : {};
  const base = { namespace, name };
  const out: GitOpsRevision[] = [];
  if (kind === 'Application') {
    const source = isRecord(spec.source) ? spec.source : {};
    const repoUrl = str(source.repoURL);
    const common = {
      controller: 'argocd' as const,
      kind: 'Application' as const,
      ...base,
      ...(repoUrl ? { repoUrl } : {}),
    };
    for (const h of list(status.history)) {
      const at = iso(h.deployedAt);
      const revs = [h.revision, ...(Array.isArray(h.revisions) ? h.revisions : [])].map(commitOf);
      for (const revision of new Set(revs))
        if (revision && at) out.push({ ...common, revision, at, applied: true });
    }
    const op = isRecord(status.operationState) ? status.operationState : {};
    const result = isRecord(op.syncResult) ? op.syncResult : {};
    const opRev = commitOf(result.revision);
    const opAt = iso(op.finishedAt);
    if (op.phase === 'Succeeded' && opRev && opAt && !out.some((r) => r.revision === opRev))
      out.push({ ...common, revision: opRev, at: opAt, applied: true });
  } else if (kind === 'Kustomization') {
    const common = { controller: 'flux' as const, kind: 'Kustomization' as const, ...base };
    for (const h of list(status.history)) {
      const meta = isRecord(h.metadata) ? h.metadata : {};
      const revision = commitOf(meta.revision);
      const at = iso(h.firstReconciled);
      if (revision && at && h.lastReconciledStatus !== 'ReconciliationFailed')
        out.push({ ...common, revision, at, applied: true });
    }
    const last = commitOf(status.lastAppliedRevision);
    const ready = list(status.conditions).find((c) => c.type === 'Ready' && c.status === 'True');
    const readyAt = iso(ready?.lastTransitionTime);
    if (last && readyAt && !out.some((r) => r.revision === last))
      out.push({ ...common, revision: last, at: readyAt, applied: true, approximate: true });
  } else {
    const artifact = isRecord(status.artifact) ? status.artifact : {};
    const revision = commitOf(artifact.revision);
    const at = iso(artifact.lastUpdateTime);
    const repoUrl = str(spec.url);
    if (revision && at)
      out.push({
        controller: 'flux',
        kind: 'GitRepository',
        ...base,
        ...(repoUrl ? { repoUrl } : {}),
        revision,
        at,
        applied: false,
      });
  }
  b.gitops.push(...out);
  b.count(kind);
}
