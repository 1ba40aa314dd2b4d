// PeriodReport -> the shared report view model, printed by templates/period.hbs with the report's partials.
import { changesPeriodSection } from './period-changes-view.js';
import type { Cell, ReportView, Section } from '../render/view/view-types.js';
import { signatureText } from '../render/view/build-view.js';
import { plural, severityCell, utcTime } from '../render/view/format.js';
import { frameworkLabel, ruleWords, statusLabel } from '../render/view/labels.js';
import type { FindingLifecycle, PeriodReport, TimelineEntry } from './types.js';

const t = (text: string | number, code = false): Cell => ({ text: String(text), ...(code ? { code } : {}) });
const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

interface GapRow {
  readonly from: string;
  readonly to: string;
  readonly status: string;
  readonly bundles: readonly string[];
}

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Runs of consecutive days without any bundle become one row; days with rejected bundles stay one row each. */
export function gapRows(days: PeriodReport['days']): GapRow[] {
  const rows: GapRow[] = [];
  for (const d of days) {
    if (d.status === 'covered') continue;
    const last = rows[rows.length - 1];
    if (last && d.status === 'missing' && last.status === 'missing' && nextDay(last.to) === d.day) {
      rows[rows.length - 1] = { ...last, to: d.day };
    } else rows.push({ from: d.day, to: d.day, status: d.status, bundles: d.bundles });
  }
  return rows;
}

function integritySection(p: PeriodReport): Section {
  const gaps = gapRows(p.days);
  return {
    id: 'period-integrity',
    title: 'Days covered, gaps and the hash chain',
    intro:
      'A day counts only if a bundle made that day verifies: manifest signature, every file digest, and its link in the hash chain. Each gap and each rejected bundle is itself a finding.',
    blocks: [
      {
        facts: [
          { label: 'Days in the period', value: String(p.summary.days) },
          {
            label: 'Days covered',
            value: `${p.summary.daysCovered} (${pct(p.summary.days ? p.summary.daysCovered / p.summary.days : 0)})`,
          },
          { label: 'Days without a bundle', value: String(p.summary.daysMissing) },
          { label: 'Days with only rejected bundles', value: String(p.summary.daysUnverified) },
          {
            label: 'Bundles found / counted / rejected',
            value: `${p.summary.bundlesFound} / ${p.summary.bundlesCounted} / ${p.summary.bundlesRejected}`,
          },
        ],
        tables: [
          {
            id: 'period-gaps',
            caption: 'Gap days',
            columns: ['Days', 'Status', 'Bundles'],
            rows: gaps.map((g) => [
              t(g.from === g.to ? g.from : `${g.from} to ${g.to}`),
              { text: g.status, badge: 'bad' },
              t(g.bundles.join(', ') || '—', true),
            ]),
            empty: 'No gap: every day of the period has a verified bundle.',
          },
          {
            id: 'period-rejected',
            caption: 'Rejected bundles (not counted)',
            columns: ['Bundle', 'Day', 'Why'],
            rows: p.rejected.map((r) => [t(r.bundle, true), t(r.day), t(r.problems.join('; '))]),
            empty: 'Every bundle verified.',
          },
          {
            id: 'period-findings-integrity',
            caption: 'Findings about the evidence',
            columns: ['Finding', 'Severity', 'Rule', 'Message'],
            rows: p.periodFindings.map((f) => [
              t(f.id, true),
              {
                text: f.severity,
                badge: f.severity === 'critical' || f.severity === 'high' ? 'bad' : 'warn',
              },
              t(f.rule),
              t(f.message),
            ]),
            empty: 'No finding about the evidence itself.',
          },
        ],
      },
    ],
  };
}

function controlsSection(p: PeriodReport): Section {
  return {
    id: 'period-controls',
    title: 'Controls over the period',
    intro:
      'Per control, the share of covered days on which it was satisfied or supported (no open finding on a check that ran; supported means network checks are only part of its evidence), and every day it was not.',
    blocks: [
      {
        tables: [
          {
            id: 'period-control-table',
            columns: ['Framework', 'Control', 'Days satisfied or supported', 'Share', 'Other days'],
            rows: p.controls.map((c) => [
              t(frameworkLabel(c.framework)),
              t(c.id, true),
              t(`${c.daysSatisfied} of ${c.daysEvaluated}`),
              { text: pct(c.share), badge: c.share === 1 ? 'ok' : c.share >= 0.9 ? 'warn' : 'bad' },
              t(c.notSatisfied.map((d) => `${d.day} (${statusLabel(d.status)})`).join(', ') || '—'),
            ]),
            empty: 'The bundles hold no control results.',
          },
        ],
      },
    ],
  };
}

/** "Namespace//monitoring" -> "Namespace monitoring", "Deployment/api/orders-api" -> "Deployment api/orders-api". */
export function resourceLabel(key: string): string {
  const [kind = '', namespace = '', ...name] = key.split('/');
  return `${kind} ${namespace ? `${namespace}/` : ''}${name.join('/')}`.trim();
}

/** Closed (with its date), accepted (an exception covers it) or open. */
function findingStatusCell(f: FindingLifecycle): Cell {
  if (f.closedAt) return { text: 'closed', badge: 'ok', detail: f.closedAt.slice(0, 10) };
  if (f.exception?.status === 'accepted')
    return { text: 'accepted', badge: 'info', detail: `until ${f.exception.expires}` };
  return { text: 'open', badge: 'bad' };
}

function findingsSection(p: PeriodReport): Section {
  return {
    id: 'period-findings',
    title: 'Findings over the period',
    blocks: [
      {
        tables: [
          {
            id: 'period-finding-table',
            widths: [13, 10, 31, 12, 12, 14, 8],
            columns: ['Finding', 'Severity', 'What', 'First seen', 'Last seen', 'Status', 'Days to close'],
            rows: p.findings.map((f) => [
              t(f.id, true),
              severityCell(f.severity),
              t(`${resourceLabel(f.resource)}: ${ruleWords(f.rule)}`),
              t(f.firstSeen.slice(0, 10)),
              t(f.lastSeen.slice(0, 10)),
              findingStatusCell(f),
              t(f.timeToCloseDays ?? '—'),
            ]),
            empty: 'No finding in the period.',
          },
        ],
      },
      {
        heading: 'Exceptions active in the period',
        tables: [
          {
            id: 'period-exception-table',
            columns: ['Finding', 'Rule', 'Status', 'Approver', 'Expires', 'Seen'],
            rows: p.exceptions.map((e) => [
              t(e.findingId, true),
              t(e.rule),
              t(e.status),
              t(e.approver),
              t(e.expires),
              t(`${e.firstSeen.slice(0, 10)} to ${e.lastSeen.slice(0, 10)}`),
            ]),
            empty: 'No exception was in force.',
          },
        ],
      },
    ],
  };
}

function timelineRows(e: TimelineEntry): Cell[][] {
  const day = t(e.at.slice(0, 10));
  const commits = t(
    e.commits
      .map((c) => `${c.sha.slice(0, 10)} ${c.subject}${c.reviewed === false ? ' (not reviewed)' : ''}`)
      .join('; ') || 'no commit in the Git change log',
    false,
  );
  return [
    ...e.policies.map((p) => [
      day,
      t(`policy ${p.change}`),
      t(p.policy, true),
      t(
        p.fields.map((f) => `${f.path}: ${f.before ?? '(absent)'} -> ${f.after ?? '(absent)'}`).join('; ') ||
          '—',
        true,
      ),
      commits,
    ]),
    ...e.vendors.map((v) => [
      day,
      t(`vendor ${v.change}`),
      t(v.vendor),
      t(v.details.join('; ') || '—'),
      commits,
    ]),
    ...e.egress.map((x) => [
      day,
      t(`egress ${x.change}`),
      t(`${x.src} => ${x.dst}`, true),
      t(x.after ?? x.before ?? ''),
      commits,
    ]),
    ...(e.policies.length + e.vendors.length + e.egress.length === 0
      ? [[day, t('Git commits only'), t('—'), t('no observed change in the cluster'), commits]]
      : []),
  ];
}

function timelineSection(p: PeriodReport): Section {
  return {
    id: 'period-timeline',
    title: 'Timeline of changes',
    intro: 'Changes between consecutive counted bundles, each with the Git commits made in between.',
    blocks: [
      {
        tables: [
          {
            id: 'period-timeline-table',
            columns: ['Day', 'Change', 'What', 'Details', 'Git change log'],
            rows: p.timeline.flatMap(timelineRows),
            empty: 'No policy, vendor or egress change in the period.',
          },
        ],
      },
    ],
  };
}

/** Enforcement over the period: each counted bundle's observed-flow outcomes (only when some read flows). */
function enforcementSection(p: PeriodReport): Section[] {
  if (!p.enforcement) return [];
  return [
    {
      id: 'period-enforcement',
      title: 'Enforcement observed',
      intro:
        'Per bundle that compared observed flows with its policies: blocked connections the policies deny (enforcement seen), and flows that contradict them (unenforced: forwarded although denied; dropped although allowed).',
      blocks: [
        {
          tables: [
            {
              id: 'period-enforcement-table',
              columns: [
                'Bundle',
                'Flows read',
                'Allowed and forwarded',
                'Enforcement seen',
                'Unenforced',
                'Dropped although allowed',
              ],
              rows: p.enforcement.map((x) => [
                { text: x.bundle, code: true },
                { text: String(x.flows) },
                { text: String(x.allowedForwarded) },
                { text: String(x.enforced), ...(x.enforced > 0 ? { badge: 'ok' as const } : {}) },
                { text: String(x.unenforced), ...(x.unenforced > 0 ? { badge: 'bad' as const } : {}) },
                {
                  text: String(x.droppedAllowed),
                  ...(x.droppedAllowed > 0 ? { badge: 'warn' as const } : {}),
                },
              ]),
              empty: 'No bundle read flows.',
            },
          ],
        },
      ],
    },
  ];
}

/** The period report view; `css` is the report's stylesheet. */
export function buildPeriodView(p: PeriodReport, css: string, periodJsonSha256: string): ReportView {
  const changes = changesPeriodSection(p);
  const sections = [
    integritySection(p),
    controlsSection(p),
    findingsSection(p),
    ...(changes ? [changes] : []),
    ...enforcementSection(p),
    timelineSection(p),
  ];
  const gaps = p.summary.daysMissing + p.summary.daysUnverified;
  const sig = signatureText(p.signature, 'period report');
  const demoInputs = p.demoSignedBundles ?? 0;
  const banners = [
    ...(sig.banner ? [sig.banner] : []),
    ...(demoInputs > 0
      ? [
          {
            kind: 'warn' as const,
            text: `${plural(demoInputs, 'input bundle')} ${demoInputs === 1 ? 'was' : 'were'} signed with a throwaway DEMO key: what they show is not audit evidence.`,
          },
        ]
      : []),
    ...(gaps > 0 || p.summary.bundlesRejected > 0
      ? [
          {
            kind: 'warn' as const,
            text: `${plural(gaps, 'gap day')} and ${plural(p.summary.bundlesRejected, 'rejected bundle')}: see "Days covered, gaps and the hash chain".`,
          },
        ]
      : []),
  ];
  // The cover has one banner: the most serious first, the others joined to it.
  const banner: ReportView['cover']['banner'] = banners.length
    ? { kind: banners[0]?.kind ?? 'warn', text: banners.map((b) => b.text).join(' ') }
    : undefined;
  return {
    title: `Period evidence — ${p.cluster} — ${p.period.since.slice(0, 10)} to ${p.period.until.slice(0, 10)}`,
    lang: 'en',
    css,
    headerText: `${p.reportId} · ${p.cluster}`,
    cover: {
      organisation: p.organisation ?? p.cluster,
      heading: 'Network policy evidence over a period',
      ...(banner ? { banner } : {}),
      facts: [
        { label: 'Cluster', value: p.cluster },
        { label: 'Period', value: `${p.period.since.slice(0, 10)} to ${p.period.until.slice(0, 10)}` },
        { label: 'Days covered', value: `${p.summary.daysCovered} of ${p.summary.days}` },
        { label: 'Generated at', value: utcTime(p.generatedAt) },
        { label: 'Report id', value: p.reportId, code: true },
        { label: 'period.json SHA-256', value: periodJsonSha256, code: true },
        {
          label: 'Bundle signatures checked against',
          value: p.trustAnchor ?? 'no trust anchor (--ca not given)',
        },
        { label: 'Signature', value: sig.value },
        ...(demoInputs > 0
          ? [{ label: 'Input bundles', value: `${plural(demoInputs, 'bundle')} signed with a DEMO key` }]
          : []),
      ],
    },
    toc: sections.map((s) => ({ id: s.id, title: s.title })),
    sections,
  };
}
