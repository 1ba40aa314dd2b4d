// How a change's review evidence reads in the report: what a commit message shows is never a verified approval.
import type { GitReview } from '../../model/git.js';
import type { Cell } from './view-types.js';

/**
 * A pull-request merge or a "(#7)" subject proves only that the change went through a request; a
 * Reviewed-by trailer is text anyone can write. Neither shows an independent approval (CC8.1, A.5.3).
 */
export function reviewCell(r: GitReview): Cell {
  // The badge stays a few words (it must not wrap into fragments in a narrow column); the facts follow as text.
  switch (r.kind) {
    case 'merge-request':
      return {
        text: 'unverified',
        badge: 'warn',
        detail: `approval not verified: merged via pull request${r.reference ? ` ${r.reference}` : ''}${r.approvers.length ? `; trailers name ${r.approvers.join(', ')}` : ''}`,
      };
    case 'trailer':
      return {
        text: 'unverified',
        badge: 'warn',
        detail: `approval not verified: review trailer names ${r.approvers.join(', ')}`,
      };
    case 'none':
      return { text: 'no review evidence', badge: 'bad' };
  }
}
