// Who set an exposure intent in Git: the last change in the period to the annotated policy's manifest.
import type { Finding } from '../../model/finding.js';
import type { GitEvidence } from '../../model/git.js';

function setBy(f: Finding, git: GitEvidence): string | undefined {
  const on = f.intent?.on;
  if (!on) return undefined;
  if (on.kind !== 'NetworkPolicy')
    return `not in the Git evidence: only policy manifests are read from ${git.repo}`;
  const log = git.policyChanges.find(
    (l) => l.kind === 'NetworkPolicy' && l.namespace === on.namespace && l.name === on.name,
  );
  const last = [...(log?.changes ?? [])]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .at(-1);
  const commit = last ? git.commits.find((c) => c.sha === last.sha) : undefined;
  if (!last || !commit)
    return `no change to ${on.namespace ?? ''}/${on.name} in ${git.ref} between ${git.period.since.slice(0, 10)} and ${git.period.until.slice(0, 10)}`;
  return `${commit.author.name} <${commit.author.email}> in commit ${commit.sha.slice(0, 12)} on ${commit.committer.date.slice(0, 10)} (${last.action} ${last.path}; review: ${commit.review.reviewed ? (commit.review.reference ?? commit.review.kind) : 'none'})`;
}

/** Adds to each intended-exposure finding who last set the annotated policy in Git (pure). */
export function attributeIntent(findings: readonly Finding[], git: GitEvidence | undefined): Finding[] {
  return findings.map((f) => {
    if (!f.intent || !git) return f;
    const who = setBy(f, git);
    return who ? { ...f, intent: { ...f.intent, setBy: who } } : f;
  });
}
