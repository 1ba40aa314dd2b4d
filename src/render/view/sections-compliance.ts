// Report sections from the compliance mapping: per-framework summary, control matrix, register, exceptions.
import type { ControlResult, ControlStatus } from '../../model/compliance.js';
import type { Evidence } from '../../model/evidence.js';
import { severityBarChart } from './charts.js';
import { num, text } from './format.js';
import type { Block, Cell, Section } from './view-types.js';

const FRAMEWORK_NAMES: Readonly<Record<string, string>> = {
  soc2: 'SOC 2 (AICPA Trust Services Criteria)',
  iso27001: 'ISO/IEC 27001:2022 Annex A',
  gdpr: 'GDPR',
};
const STATUS_ORDER: readonly ControlStatus[] = ['satisfied', 'partial', 'notSatisfied', 'notTested'];
const STATUS_TEXT: Readonly<Record<ControlStatus, string>> = {
  satisfied: 'satisfied',
  partial: 'partially satisfied',
  notSatisfied: 'not satisfied',
  notTested: 'not tested',
};

export function statusCell(s: ControlStatus): Cell {
  const badge = s === 'satisfied' ? 'ok' : s === 'notSatisfied' ? 'bad' : s === 'partial' ? 'warn' : 'na';
  return { text: STATUS_TEXT[s], badge };
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
      svg: severityBarChart(counts, `${FRAMEWORK_NAMES[f] ?? f}: controls by status`),
      tables: [
        {
          columns: ['Status', 'Controls'],
          rows: counts.map((c) => [text(c.label), text(num(c.value))]),
          empty: 'No controls.',
        },
      ],
    };
  });
}

export function controlsSection(e: Evidence): Section {
  const blocks: Block[] = byFramework(e).map(([f, controls]) => ({
    heading: FRAMEWORK_NAMES[f] ?? f,
    tables: [
      {
        id: `controls-${f}`,
        widths: [10, 22, 14, 30, 24],
        columns: ['Control', 'Title', 'Status', 'Findings', 'Evidence (checks that ran and passed)'],
        rows: controls.map((c) => [
          text(c.id, true),
          text(c.title),
          statusCell(c.status),
          c.findingIds.length
            ? { text: c.findingIds.join(', '), href: `#${c.findingIds[0] ?? ''}`, code: true }
            : text('—'),
          text(c.evidence.length ? c.evidence.join(', ') : '—'),
        ]),
        empty: 'No controls selected for this framework.',
      },
    ],
  }));
  return {
    id: 'controls',
    title: 'Control matrix',
    intro:
      'Each control: satisfied (its checks ran and found nothing open), partially satisfied (only medium/low or accepted findings), not satisfied (an open high or critical finding), or not tested (none of its checks ran in this report, e.g. no Git repository was given).',
    blocks: blocks.length ? blocks : [{ paragraphs: ['No framework selected.'] }],
  };
}

export function registerSection(e: Evidence): Section {
  const rows: Cell[][] = (e.register ?? []).map((v) => [
    text(`${v.name}${v.legalEntity ? ` (${v.legalEntity})` : ''}`),
    text(`${v.purpose}. Data: ${v.dataCategories.join(', ')}`),
    text(`${v.countries.join(', ')}; ${v.transferMechanism.join(', ')}`),
    text(`DPA ${v.dpaSigned}; reviewed ${v.lastReviewed}; ${v.status}`),
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
            widths: [13, 24, 15, 16, 15, 17],
            columns: [
              'Vendor',
              'Purpose and data',
              'Countries and transfer',
              'DPA, review, status',
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

export function exceptionsSection(e: Evidence): Section {
  const now = e.generatedAt.slice(0, 10);
  const rows: Cell[][] = (e.exceptions ?? []).map((x) => [
    text(
      x.findingId ??
        `${x.rule ?? '*'} ${x.resource ? `${x.resource.kind ?? ''} ${x.resource.namespace ? `${x.resource.namespace}/` : ''}${x.resource.name}` : ''}`.trim(),
    ),
    text(x.justification),
    text(x.approver),
    x.expires < now ? { text: `${x.expires} (expired)`, badge: 'bad' } : { text: x.expires, badge: 'ok' },
  ]);
  return {
    id: 'exceptions',
    title: 'Exceptions (accepted risks)',
    blocks: [
      {
        tables: [
          {
            widths: [28, 40, 17, 15],
            columns: ['Finding', 'Justification', 'Approver', 'Expires'],
            rows,
            empty: e.exceptions
              ? 'The exceptions file lists none.'
              : 'No exceptions file was given (--exceptions).',
          },
        ],
      },
    ],
  };
}
