// The Exceptions section: every accepted risk with its state, validity and the findings raised about it.
import type { ExceptionReview, ExceptionState } from '../../model/compliance.js';
import type { Evidence } from '../../model/evidence.js';
import type { ExceptionStatus } from '../../model/finding.js';
import { text } from './format.js';
import type { Cell, Section } from './view-types.js';

const STATE: Readonly<Record<ExceptionState, Cell>> = {
  accepted: { text: 'accepted', badge: 'ok' },
  expired: { text: 'expired', badge: 'bad' },
  noMatch: { text: 'unmatched', badge: 'warn' },
  findingChanged: { text: 'changed', badge: 'bad' },
};

/** The Exception line of a finding's facts. */
export function exceptionFact(x: ExceptionStatus | undefined): string {
  if (!x) return 'none';
  const owner = x.riskOwner ? `; risk owner ${x.riskOwner}` : '';
  const ticket = x.ticket ? `; ticket ${x.ticket}` : '';
  const approved = x.approved ? ` on ${x.approved}` : '';
  return `${x.status} — approved by ${x.approver}${approved}, expires ${x.expires}${owner}${ticket}: ${x.justification}`;
}

function target(x: ExceptionReview): string {
  if (x.findingId !== undefined) return x.findingId;
  const r = x.resource;
  const res = r ? `${r.kind ?? ''} ${r.namespace ? `${r.namespace}/` : ''}${r.name}` : '';
  return `${x.rule ?? '*'} ${res}`.trim();
}

/** The state; bundles written before states existed fall back to the expiry date. */
function stateCell(x: ExceptionReview, now: string): Cell {
  if (x.state) return STATE[x.state];
  return x.expires < now ? { text: 'expired', badge: 'bad' } : { text: 'accepted', badge: 'ok' };
}

/** The findings it names, then the findings raised about it, each a link kept whole. */
function findingsCell(x: ExceptionReview): Cell {
  const ids = [...(x.findingIds ?? []), ...(x.raised ?? [])];
  return ids.length ? { text: ids.join(', '), items: ids, code: true } : text('—');
}

function decision(x: ExceptionReview): string {
  const parts = [x.justification];
  if (x.compensatingControls?.length)
    parts.push(`Compensating controls: ${x.compensatingControls.join('; ')}.`);
  if (x.ticket) parts.push(`Ticket: ${x.ticket}.`);
  if (x.evidenceHash) parts.push(`Pinned to evidence hash ${x.evidenceHash}.`);
  return parts.join(' ');
}

function approval(x: ExceptionReview): string {
  const on = x.approved ? ` on ${x.approved}` : ' (date not recorded)';
  return `${x.approver}${on}${x.riskOwner ? `; risk owner ${x.riskOwner}` : ''}`;
}

function validityText(x: ExceptionReview): string {
  if (x.validityDays === undefined) return x.expires;
  const span =
    x.validityFrom === 'approved' ? `${x.validityDays} days` : `${x.validityDays} days from this run`;
  return `${x.expires} (${span})`;
}

export function exceptionsSection(e: Evidence): Section {
  if (!e.exceptions)
    return {
      id: 'exceptions',
      title: 'Exceptions (accepted risks)',
      compact: true,
      blocks: [
        {
          paragraphs: [
            'No exceptions file was given: add --exceptions FILE to record accepted risks with their approver and expiry (examples/exceptions.yaml shows the format).',
          ],
        },
      ],
    };
  const now = e.generatedAt.slice(0, 10);
  const max = e.run?.options.maxExceptionDays;
  const rows: Cell[][] = e.exceptions.map((x) => [
    text(target(x), true),
    text(decision(x)),
    text(approval(x)),
    text(validityText(x)),
    stateCell(x, now),
    findingsCell(x),
  ]);
  return {
    id: 'exceptions',
    title: 'Exceptions (accepted risks)',
    intro: `Each accepted risk, what it matched and its state: accepted (it covers a finding), expired (past its expiry, the finding counts as open), unmatched (it matches no finding), or changed (it is pinned to an evidence hash the finding no longer has, so it does not apply). Validity runs from the approval date to the expiry (from this run's date when no approval date is recorded)${typeof max === 'number' ? `; the maximum is ${max} days` : ''}. An exception approved by the author of the change it covers is a finding (segregation of duties). Findings: the finding the exception names, then those raised about the exception itself.`,
    blocks: [
      {
        tables: [
          {
            id: 'exceptions-table',
            widths: [17, 27, 16, 12, 14, 14],
            columns: [
              'Exception for',
              'Justification and controls',
              'Approval',
              'Expires (validity)',
              'Status',
              'Findings',
            ],
            rows,
            empty: 'The exceptions file lists none.',
          },
        ],
      },
    ],
  };
}
