// When each change reached the cluster: the first revision a GitOps controller applied that contains it
// (the change is an ancestor of, or is, the applied commit).
import type { SimpleGit } from 'simple-git';
import type { ChangeDeployment } from '../../model/git.js';
import type { GitOpsRevision } from '../../model/gitops.js';

function label(r: GitOpsRevision): string {
  return `${r.controller === 'argocd' ? 'Argo CD' : 'Flux'} ${r.kind} ${r.namespace}/${r.name}`;
}

/**
 * The earliest applied revision containing each of `shas`. Revisions this repository does not have (another
 * repository's, or pruned) contain nothing; ties keep the exact time over an approximate one.
 */
export async function deploymentsOf(
  git: SimpleGit,
  shas: readonly string[],
  revisions: readonly GitOpsRevision[],
  since: Date,
): Promise<Map<string, ChangeDeployment>> {
  const wanted = new Set(shas);
  const applied = revisions
    .filter((r) => r.applied)
    .sort((a, b) => a.at.localeCompare(b.at) || Number(!!a.approximate) - Number(!!b.approximate));
  const contents = new Map<string, readonly string[]>();
  const out = new Map<string, ChangeDeployment>();
  for (const r of applied) {
    let inside = contents.get(r.revision);
    if (!inside) {
      // --since keeps the walk to the period: the changes in it are all the evidence lists.
      inside = await git
        .raw(['rev-list', `--since=${since.toISOString()}`, r.revision, '--'])
        .then((t) => t.split('\n').filter((s) => wanted.has(s)))
        .catch(() => []);
      contents.set(r.revision, inside);
    }
    for (const sha of inside)
      if (!out.has(sha))
        out.set(sha, {
          at: r.at,
          revision: r.revision,
          by: label(r),
          ...(r.approximate ? { approximate: true } : {}),
        });
  }
  return out;
}
