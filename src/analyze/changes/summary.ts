// The `changes` list of evidence.json: one line per commit an auditor samples (who, when, signed, reviewed).
import type { GitEvidence, SignatureState } from '../../model/git.js';

export interface ChangeSummary {
  readonly sha: string;
  readonly subject: string;
  readonly author: string;
  readonly date: string;
  readonly signature: SignatureState;
  readonly signer?: string;
  readonly reviewed: boolean;
  /** "#42" or "group/proj!42"; for a branch commit, the request of the merge that brought it in. */
  readonly reference?: string;
  readonly approvers: readonly string[];
  readonly merge: boolean;
  readonly files: readonly string[];
}

/** Summaries in the evidence's order (newest first). */
export function changeSummaries(git: GitEvidence): ChangeSummary[] {
  return git.commits.map((c) => ({
    sha: c.sha,
    subject: c.subject,
    author: `${c.author.name} <${c.author.email}>`,
    date: c.author.date,
    signature: c.signature.status,
    ...(c.signature.signer ? { signer: c.signature.signer } : {}),
    reviewed: c.review.reviewed,
    ...(c.review.reference ? { reference: c.review.reference } : {}),
    approvers: c.review.approvers,
    merge: c.parents.length > 1,
    files: c.files.map((f) => f.path),
  }));
}
