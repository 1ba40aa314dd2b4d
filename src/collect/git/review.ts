// Review evidence per commit: pull/merge-request merges, squash merges and review trailers, versus direct commits.
import type { GitReview, GitTrailer } from '../../model/git.js';
import type { LoggedCommit } from './log-format.js';

const TRAILER_KEYS = ['reviewed-by', 'approved-by', 'acked-by', 'co-authored-by', 'signed-off-by'];
/** Only these name a reviewer; Co-authored-by and Signed-off-by name authors, not reviewers. */
const REVIEW_KEYS = new Set(['reviewed-by', 'approved-by']);

/** Trailers of interest in a commit body ("Key: value" lines), in order, keys in canonical case. */
export function parseTrailers(body: string): GitTrailer[] {
  const out: GitTrailer[] = [];
  for (const line of body.split('\n')) {
    const m = /^([A-Za-z-]+):\s*(.+?)\s*$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const key = m[1].toLowerCase();
    if (!TRAILER_KEYS.includes(key)) continue;
    out.push({
      key: key.charAt(0).toUpperCase() + key.slice(1),
      value: m[2],
    });
  }
  return out;
}

/** The pull/merge request a merge or squash commit records: GitHub, GitLab, Bitbucket, Azure DevOps forms. */
export function requestReference(subject: string, body: string, isMerge: boolean): string | undefined {
  const github = /^Merge pull request #(\d+) from \S+/.exec(subject);
  if (github && isMerge) return `#${github[1]}`;
  const gitlab = /^See merge request (\S+![0-9]+)\s*$/m.exec(body);
  if (gitlab && isMerge) return gitlab[1];
  const bitbucket = /^Merged in \S+ \(pull request #(\d+)\)/.exec(subject);
  if (bitbucket) return `#${bitbucket[1]}`;
  const azure = /^Merged PR (\d+):/.exec(subject);
  if (azure) return `#${azure[1]}`;
  const squash = /\(#(\d+)\)\s*$/.exec(subject);
  if (squash && !isMerge) return `#${squash[1]}`;
  return undefined;
}

function approversOf(trailers: readonly GitTrailer[]): string[] {
  return trailers.filter((t) => REVIEW_KEYS.has(t.key.toLowerCase())).map((t) => t.value);
}

function ownReview(c: LoggedCommit, trailers: readonly GitTrailer[]): GitReview {
  const approvers = approversOf(trailers);
  const reference = requestReference(c.subject, c.body, c.parents.length > 1);
  if (reference) return { reviewed: true, kind: 'merge-request', reference, approvers };
  if (approvers.length > 0) return { reviewed: true, kind: 'trailer', approvers };
  return { reviewed: false, kind: 'none', approvers: [] };
}

/** The first-parent line from the newest commit nobody in the log descends from. */
function mainline(commits: readonly LoggedCommit[], bySha: Map<string, LoggedCommit>): string[] {
  const hasChild = new Set(commits.flatMap((c) => c.parents));
  const tip = commits.find((c) => !hasChild.has(c.sha));
  const line: string[] = [];
  for (let c = tip; c && !line.includes(c.sha); c = bySha.get(c.parents[0] ?? '')) line.push(c.sha);
  return line;
}

/**
 * Review per commit. A commit reached only through a merge's second-parent side is covered by that merge
 * (the earliest merge on the first-parent line that brought it in); a first-parent commit stands alone.
 */
export function reviewsOf(commits: readonly LoggedCommit[]): Map<string, GitReview> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const trailers = new Map(commits.map((c) => [c.sha, parseTrailers(c.body)]));
  const own = new Map(commits.map((c) => [c.sha, ownReview(c, trailers.get(c.sha) ?? [])]));
  const line = mainline(commits, bySha);
  const seen = new Set(line);
  const result = new Map(own);
  for (const mergeSha of [...line].reverse()) {
    const merge = bySha.get(mergeSha);
    if (!merge || merge.parents.length < 2) continue;
    const mergeReview = own.get(mergeSha);
    const queue = merge.parents.slice(1);
    while (queue.length > 0) {
      const sha = queue.pop() as string;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const c = bySha.get(sha);
      if (!c) continue;
      queue.push(...c.parents);
      const mine = own.get(sha);
      if (mergeReview?.reviewed) {
        const approvers = [...mergeReview.approvers, ...(mine?.approvers ?? [])];
        result.set(sha, {
          reviewed: true,
          kind: mergeReview.kind,
          ...(mergeReview.reference ? { reference: mergeReview.reference } : {}),
          viaMerge: mergeSha,
          approvers: [...new Set(approvers)],
        });
      } else if (mine && !mine.reviewed) {
        result.set(sha, { ...mine, viaMerge: mergeSha });
      }
    }
  }
  return result;
}

/** Commits that merged the given commits into the branch (merges whose side brought in a policy change). */
export function mergesCovering(reviews: Map<string, GitReview>, shas: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of shas) {
    const via = reviews.get(s)?.viaMerge;
    if (via) out.add(via);
  }
  return out;
}
