// The change log's "Assessed effect of each change" block: per policy commit, the paths and findings it
// opened and closed (counts, then the first rows), and what the assessment was made against.
import type { ChangedFinding, ChangedPath, ChangeImpact } from '../../model/change-impact.js';
import type { Evidence } from '../../model/evidence.js';
import { num, plural, text } from './format.js';
import type { Block, Cell } from './view-types.js';

/** Rows of each list the page prints per change (evidence.json keeps more, changes.csv the counts). */
const SHOWN = 3;

const ARROW = ' → ';

function pathLine(p: ChangedPath): string {
  const ports = p.change === 'changed' ? `${p.before ?? ''} → ${p.after ?? ''}` : (p.after ?? p.before ?? '');
  return `${p.change} ${p.src}${ARROW}${p.dst} (${ports})`;
}

function findingLine(f: ChangedFinding): string {
  return `${f.change} ${f.severity} ${f.rule}: ${f.resource}`;
}

function more(shown: number, total: number): string {
  return total > shown ? `; and ${num(total - shown)} more` : '';
}

/** "3 opened, 1 closed" with the outside world and cross-namespace counts when there are any. */
export function pathCounts(i: ChangeImpact): string {
  const p = i.paths;
  if (!p) return '';
  const parts = [`${num(p.opened)} opened`, `${num(p.closed)} closed`];
  if (p.changed) parts.push(`${num(p.changed)} with other ports`);
  const where = [
    p.external ? `${num(p.external)} to or from outside` : '',
    p.crossNamespace ? `${num(p.crossNamespace)} across namespaces` : '',
  ].filter(Boolean);
  return `${parts.join(', ')}${where.length ? ` (${where.join(', ')})` : ''}${p.complete ? '' : ' (partial: too many pairs to compare)'}`;
}

function effectCell(i: ChangeImpact): Cell {
  if (i.status === 'unknown') return { text: 'unknown', badge: 'na', detail: i.reason ?? '' };
  const opened = (i.paths?.opened ?? 0) + (i.findings?.opened ?? 0);
  const p = i.policies;
  const policies = p
    ? [
        p.added ? `${num(p.added)} added` : '',
        p.removed ? `${num(p.removed)} removed` : '',
        p.changed ? `${num(p.changed)} changed` : '',
      ]
        .filter(Boolean)
        .join(', ') || 'no policy object changed'
    : '';
  return {
    text: 'assessed',
    badge: opened > 0 ? 'warn' : 'ok',
    detail: `policies: ${policies}${p?.top.length ? ` (${p.top.slice(0, SHOWN).join('; ')}${more(Math.min(SHOWN, p.top.length), p.added + p.removed + p.changed)})` : ''}`,
  };
}

function pathsCell(i: ChangeImpact): Cell {
  if (!i.paths) return text('—');
  const total = i.paths.opened + i.paths.closed + i.paths.changed;
  const rows = i.paths.top.slice(0, SHOWN).map(pathLine);
  return text(`${pathCounts(i)}${rows.length ? `: ${rows.join('; ')}${more(rows.length, total)}` : ''}`);
}

function findingsCell(i: ChangeImpact): Cell {
  const f = i.findings;
  if (!f) return text('—');
  const rows = f.top.slice(0, SHOWN).map(findingLine);
  return text(
    `${num(f.opened)} opened, ${num(f.closed)} closed${rows.length ? `: ${rows.join('; ')}${more(rows.length, f.opened + f.closed)}` : ''}`,
  );
}

/** The block, or undefined when the evidence has no assessed effects (no Git, or an older snapshot). */
export function changeImpactBlock(e: Evidence): Block | undefined {
  const basis = e.git?.impactBasis;
  if (!basis || !e.changes) return undefined;
  const rows: Cell[][] = e.changes
    .filter((c) => c.impact)
    .map((c) => {
      const i = c.impact as ChangeImpact;
      return [
        text(`${c.sha.slice(0, 12)} ${c.committer.date.slice(0, 10)}`, true),
        effectCell(i),
        pathsCell(i),
        findingsCell(i),
      ];
    });
  return {
    heading: 'Assessed effect of each change',
    id: 'change-impact',
    paragraphs: [
      `The effect of each policy change was assessed: the desired state Git declares at the commit was analysed against the one at its first parent, over the same workloads (${plural(basis.workloads, 'workload')} in ${plural(basis.namespaces, 'namespace')}). ${basis.statement}`,
      `${plural(basis.assessed, 'change')} assessed, ${num(basis.unknown)} unknown (the reason is given). Paths are workload pairs, or a workload and an outside address range, whose allowed ports the change altered; the outside world and paths across namespaces come first. Each list shows its first ${SHOWN} rows; evidence.json keeps the first ${basis.topRows} and changes.csv the counts.`,
    ],
    tables: [
      {
        widths: [14, 26, 34, 26],
        columns: ['Commit and date', 'Effect (policies)', 'Paths', 'Findings'],
        rows,
        empty: 'No commit in the period changed the policy paths.',
      },
    ],
  };
}
