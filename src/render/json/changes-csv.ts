// changes.csv: the population of policy changes in the period, one row per commit, for an auditor to sample
// (SOC 2 CC8.1 testing: who approved it, before the merge, someone other than the author, when deployed, and
// its assessed effect: paths and findings opened and closed, counted, with the first rows).
import type { GitChange } from '../../model/git.js';
import { reviewSource } from '../../model/git.js';
import { csv } from './csv.js';
import type { ChangeImpact } from '../../model/change-impact.js';

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
  'impact',
  'impact_reason',
  'policies_added',
  'policies_removed',
  'policies_changed',
  'paths_opened',
  'paths_closed',
  'paths_changed',
  'paths_external',
  'paths_cross_namespace',
  'paths_complete',
  'findings_opened',
  'findings_closed',
  'top_paths',
  'top_findings',
] as const;

/** The impact columns: empty when the evidence assessed no effect (no recorded desired states). */
function impactColumns(i: ChangeImpact | undefined): string[] {
  if (!i) return Array<string>(15).fill('');
  const n = (v: number | undefined): string => (v === undefined ? '' : String(v));
  return [
    i.status,
    i.reason ?? '',
    n(i.policies?.added),
    n(i.policies?.removed),
    n(i.policies?.changed),
    n(i.paths?.opened),
    n(i.paths?.closed),
    n(i.paths?.changed),
    n(i.paths?.external),
    n(i.paths?.crossNamespace),
    i.paths ? (i.paths.complete ? 'yes' : 'no') : '',
    n(i.findings?.opened),
    n(i.findings?.closed),
    (i.paths?.top ?? [])
      .map(
        (p) =>
          `${p.change} ${p.src} -> ${p.dst} (${p.change === 'changed' ? `${p.before ?? ''} -> ${p.after ?? ''}` : (p.after ?? p.before ?? '')})`,
      )
      .join('; '),
    (i.findings?.top ?? []).map((f) => `${f.change} ${f.severity} ${f.rule} ${f.resource}`).join('; '),
  ];
}

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
        ...impactColumns(c.impact),
      ];
    });
  return csv(CHANGES_CSV_COLUMNS, rows);
}
