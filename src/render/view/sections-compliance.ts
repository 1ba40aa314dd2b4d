// Report sections from the compliance mapping: per-framework summary, control matrix, register.
import { type CheckOutcome, type ControlResult, type ControlStatus } from '../../model/compliance.js';
import type { Evidence } from '../../model/evidence.js';
import { severityBarChart } from './charts.js';
import { FRAMEWORK_TITLE, STATUS_BADGE, STATUS_LABEL, STATUS_ORDER } from './labels.js';
import { text } from './format.js';
import { contractText, purposeText, transferText } from './register-cells.js';
import type { Block, Cell, Section } from './view-types.js';

const FRAMEWORK_NAMES = FRAMEWORK_TITLE;
const STATUS_TEXT = STATUS_LABEL;

export function statusCell(s: ControlStatus): Cell {
  return { text: STATUS_LABEL[s], badge: STATUS_BADGE[s] };
}

function byFramework(e: Evidence): [string, ControlResult[]][] {
  return e.frameworks.map((f) => [f, e.controls.filter((c) => c.framework === f)]);
}

/** Per framework: a bar chart and a table of how many controls have each status. */
export function frameworkSummaryBlocks(e: Evidence): Block[] {
  return byFramework(e).map(([f, controls]) => {
    const counts = STATUS_ORDER.map((s) => ({
      label: STATUS_TEXT[s],
      value: controls.filter((c) => c.status === s).length,
    }));
    return {
      heading: FRAMEWORK_NAMES[f] ?? f,
      // The chart writes each count beside its bar: no table of the same numbers under it.
      svg: severityBarChart(counts, `${FRAMEWORK_NAMES[f] ?? f}: controls by status`),
    };
  });
}

/** Said of every tested control: the report tests network policy, never the whole control. */
export const NETWORK_PART_ONLY = 'Only the network-policy part of this control was tested.';

const OUTCOME_TEXT: Readonly<Record<CheckOutcome, string>> = {
  passed: 'passed',
  failed: 'finding',
  accepted: 'accepted finding',
  informational: 'informational only',
};

/** The checks that ran for a control, their strength and outcome, and the scope sentence. */
export function checksRanText(c: ControlResult): string {
  // Bundles written before checksRan existed carry only `evidence` (checks that passed).
  const ran = c.checksRan ?? [];
  if (ran.length === 0 && c.status === 'notTested')
    return `No check ran${c.checks.length ? ` (mapped: ${c.checks.join(', ')})` : ''}.`;
  const parts = ran.map((r) => `${r.check} (${r.strength}): ${OUTCOME_TEXT[r.outcome]}`);
  return `${parts.join('; ')}. ${NETWORK_PART_ONLY}`;
}

export function controlsSection(e: Evidence): Section {
  const blocks: Block[] = byFramework(e).map(([f, controls]) => ({
    heading: FRAMEWORK_NAMES[f] ?? f,
    tables: [
      {
        id: `controls-${f}`,
        widths: [10, 18, 12, 22, 38],
        columns: ['Control', 'Title', 'Status', 'Findings', 'Checks that ran (strength): outcome'],
        rows: controls.map((c) => [
          text(c.id, true),
          text(c.title),
          statusCell(c.status),
          c.findingIds.length
            ? { text: c.findingIds.join(', '), items: c.findingIds, code: true }
            : text('—'),
          text(checksRanText(c)),
        ]),
        empty: 'No controls selected for this framework.',
      },
    ],
  }));
  return {
    id: 'controls',
    title: 'Control matrix',
    intro:
      "Each control: satisfied (a check that addresses its network part ran and nothing open was found), supported (nothing open was found, but every check that ran is only one piece of its evidence, so network data cannot show it is met), partially satisfied (only medium/low or accepted findings), not satisfied (an open high or critical finding), or not tested (none of its checks ran in this report, e.g. no Git repository was given). A check addresses a control when it tests the control's network part directly, and supports it when the control also needs documents, process or runtime evidence this tool cannot see. Only the network-policy part of any control was tested.",
    blocks: blocks.length ? blocks : [{ paragraphs: ['No framework selected.'] }],
  };
}

export function registerSection(e: Evidence): Section {
  if (!e.register)
    return {
      id: 'register',
      title: 'Sub-processor register',
      compact: true,
      blocks: [
        {
          paragraphs: [
            'No inventory was given: add --inventory FILE to list the sub-processors and check which workloads may reach them (examples/inventory.yaml shows the format).',
          ],
        },
      ],
    };
  const rows: Cell[][] = (e.register ?? []).map((v) => [
    text(`${v.name}${v.legalEntity ? ` (${v.legalEntity})` : ''}`),
    text(purposeText(v)),
    text(transferText(v)),
    text(contractText(v)),
    text([...v.endpoints.cidrs, ...v.endpoints.hosts].join(', ') || '—', true),
    text(
      v.reachableFrom.length
        ? v.reachableFrom.join(', ')
        : v.reachableViaOpenEgress.length
          ? `only via open egress: ${v.reachableViaOpenEgress.join(', ')}`
          : 'nobody',
    ),
  ]);
  return {
    id: 'register',
    title: 'Sub-processor register',
    intro:
      'The declared sub-processors (GDPR Art. 28 and 30 evidence) and which workloads the network policies let reach each one.',
    blocks: [
      {
        tables: [
          {
            widths: [13, 19, 18, 15, 19, 16],
            columns: [
              'Vendor',
              'Purpose and data',
              'Countries and transfer',
              'Role, DPA, review, status',
              'Endpoints',
              'Reachable from',
            ],
            rows,
            empty: e.register
              ? 'The inventory declares no sub-processor.'
              : 'No inventory was given (--inventory): the register and the egress cross-checks were not run.',
          },
        ],
      },
    ],
  };
}
