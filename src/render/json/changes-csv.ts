// changes.csv: the population of policy changes in the period, one row per commit, for an auditor to sample
// (SOC 2 CC8.1 testing: who approved it, before the merge, someone other than the author, and when deployed).
import type { GitChange } from '../../model/git.js';
import { reviewSource } from '../../model/git.js';
import { csv } from './csv.js';

export const CHANGES_CSV_COLUMNS = [
  'commit',
  'date',
  'author',
  'committer',
  'request',
  'request_url',
  'request_author',
  'approvers',
  'approved_at',
  'approved_commit_merged',
  'merged_at',
  'merged_by',
  'deployed_at',
  'deployed_by',
  'signature',
  'review_source',
  'files',
] as const;

function person(p: { name: string; email: string }): string {
  return `${p.name} <${p.email}>`;
}

function user(u: { login?: string; name?: string; email?: string } | undefined): string {
  return u?.login ?? u?.name ?? u?.email ?? '';
}

/** One row per commit that changed the policy paths (merges only carry others' changes and are left out). */
export function renderChangesCsv(changes: readonly GitChange[]): string {
  const rows = changes
    .filter((c) => c.files.length > 0)
    .map((c) => {
      const r = c.review.request;
      const a = c.review.approval;
      const source = reviewSource(c.review);
      return [
        c.sha,
        c.committer.date,
        person(c.author),
        person(c.committer),
        r?.reference ?? (source === 'message' ? (c.review.reference ?? '') : ''),
        r?.url ?? '',
        user(r?.author),
        a ? a.independentApprovers.join('; ') : source === 'message' ? c.review.approvers.join('; ') : '',
        a?.approvedAt ?? '',
        a?.independentApprovers.length ? (a.onMergedCommit ? 'yes' : 'no') : '',
        r?.mergedAt ?? '',
        user(r?.mergedBy),
        c.deployed ? `${c.deployed.at}${c.deployed.approximate ? ' (approximate)' : ''}` : '',
        c.deployed?.by ?? '',
        c.signature.status,
        source,
        c.files.map((f) => (f.oldPath ? `${f.oldPath} -> ${f.path}` : f.path)).join('; '),
      ];
    });
  return csv(CHANGES_CSV_COLUMNS, rows);
}
