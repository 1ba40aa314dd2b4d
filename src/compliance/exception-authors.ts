// Segregation of duties for accepted risks (ISO A.5.3): who made the change an exception covers, from Git.
import { identityOf, sameIdentity, type Identity } from '../analyze/changes/identity.js';
import type { Finding } from '../model/finding.js';
import type { GitEvidence } from '../model/git.js';

/** One author of the excepted change, and where we read it. */
export interface ChangeAuthor {
  readonly who: Identity;
  /** "commit abc123def456" or "pull request #7". */
  readonly where: string;
}

function commitAuthors(git: GitEvidence, sha: string): ChangeAuthor[] {
  const c = git.commits.find((x) => x.sha === sha || x.sha.startsWith(sha));
  if (!c) return [];
  const out: ChangeAuthor[] = [
    { who: { name: c.author.name, email: c.author.email }, where: `commit ${c.sha.slice(0, 12)}` },
  ];
  const req = c.review.request;
  if (req) {
    const a = req.author;
    out.push({
      who: { name: a.name ?? a.login ?? '', ...(a.email ? { email: a.email } : {}) },
      where: `${req.reference}`,
    });
    if (a.login && a.name) out.push({ who: { name: a.login }, where: req.reference });
  }
  return out;
}

/**
 * The authors of the change behind a finding, where Git shows it: the commit for a GitCommit finding, or
 * the last change in the period to the policy the finding names (its author and its pull request's author).
 */
export function changeAuthors(f: Finding, git: GitEvidence | undefined): ChangeAuthor[] {
  if (!git) return [];
  const r = f.resource;
  if (r.kind === 'GitCommit') return commitAuthors(git, r.name);
  const log = git.policyChanges.find(
    (l) => l.kind === r.kind && (l.namespace ?? '') === (r.namespace ?? '') && l.name === r.name,
  );
  const last = [...(log?.changes ?? [])]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .at(-1);
  return last ? commitAuthors(git, last.sha) : [];
}

/** An approver as the exceptions file writes it ("Dana Ruiz (CISO)", "dana@acme.example", "Dana <d@x>"). */
export function approverIdentity(approver: string): Identity {
  return identityOf(approver.replace(/\s*\([^)]*\)\s*$/, ''));
}

/** The authors among `authors` that are the approver (same email, or same name when an email is missing). */
export function approverIsAuthor(
  approver: string,
  authors: readonly ChangeAuthor[],
): ChangeAuthor | undefined {
  const a = approverIdentity(approver);
  return authors.find((x) => sameIdentity(a, x.who));
}
