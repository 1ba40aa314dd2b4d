// How the change log shows each change's review and deployment, and the Git host's branch protection.
// Only a review verified with the host says "approved"; one read from a commit message says it is not verified.
import type { Evidence } from '../../model/evidence.js';
import { reviewSource, type GitChange } from '../../model/git.js';
import { text } from './format.js';
import { reviewCell } from './review-text.js';
import type { Block, Cell } from './view-types.js';

function minute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** The Review column: approval by whom and when when the host was asked; else the message's reading. */
export function changeReviewCell(c: GitChange): Cell {
  const r = c.review;
  if (reviewSource(r) !== 'api') return reviewCell(r);
  if (!r.request) return { text: 'direct commit', badge: 'bad', detail: 'no pull/merge request on the host' };
  const a = r.approval;
  if (!a || a.independentApprovers.length === 0)
    return {
      text: 'not approved',
      badge: 'bad',
      detail: `${r.request.reference}: no independent approval before the merge`,
    };
  const stale = a.onMergedCommit ? '' : '; approved an earlier push, not the merged commit';
  return {
    text: a.onMergedCommit ? 'approved' : 'approved earlier push',
    badge: a.onMergedCommit ? 'ok' : 'warn',
    detail: `${r.request.reference} by ${a.independentApprovers.join(', ')}${a.approvedAt ? ` at ${minute(a.approvedAt)}` : ''}${stale}`,
  };
}

/** The Deployed column: when a GitOps controller first applied a revision containing the change. */
export function deployedCell(c: GitChange): Cell {
  const d = c.deployed;
  if (!d) return text('—');
  return { text: `${minute(d.at)}${d.approximate ? ' (approximate)' : ''} by ${d.by}`, badge: 'info' };
}

/** Facts about where reviews came from, and the branch protection the host reported. */
export function reviewHostBlock(e: Evidence): Block | undefined {
  const h = e.git?.reviewHost;
  if (!h) return undefined;
  const p = h.protection;
  const yes = (v: boolean | undefined, y: string, n: string): string =>
    v === undefined ? 'not readable' : v ? y : n;
  return {
    heading: `Branch protection of ${p.branch} (${h.kind === 'github' ? 'GitHub' : 'GitLab'} ${h.repo}, at collection time)`,
    facts: [
      { label: 'Protected', value: p.protected ? `yes (${p.sources.join(', ')})` : 'no rule found' },
      {
        label: 'Required approvals',
        value: p.requiredApprovals === undefined ? 'not readable' : String(p.requiredApprovals),
      },
      { label: 'Stale approvals dismissed on new pushes', value: yes(p.dismissStaleApprovals, 'yes', 'no') },
      ...(p.authorMayApprove !== undefined
        ? [{ label: 'Author may approve', value: p.authorMayApprove ? 'yes' : 'no' }]
        : []),
      ...(p.includesAdmins !== undefined
        ? [{ label: 'Rules apply to administrators', value: p.includesAdmins ? 'yes' : 'no' }]
        : []),
      {
        label: 'May bypass or push directly',
        value: p.bypass.length ? p.bypass.join('; ') : 'nobody listed',
      },
      ...(p.unreadable.length ? [{ label: 'Could not be read', value: p.unreadable.join('; ') }] : []),
      { label: 'API requests', value: String(h.requests) },
    ],
  };
}
