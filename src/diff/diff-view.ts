// EvidenceDiff -> the shared report view model (same CSS and partials as the report); pure.
import type { Cell, ReportView, Section, Table } from '../render/view/view-types.js';
import type { EvidenceDiff } from './types.js';

const t = (text: string, code = false): Cell => ({ text, ...(code ? { code } : {}) });
const badge = (text: string, kind: Cell['badge']): Cell => ({ text, badge: kind });

function changeCell(change: string): Cell {
  const bad = ['opened', 'removed', 'notSatisfied'];
  const ok = ['closed', 'added', 'satisfied'];
  return badge(change, bad.includes(change) ? 'bad' : ok.includes(change) ? 'ok' : 'warn');
}

function table(id: string, columns: string[], rows: Cell[][], empty: string): Table {
  return { id, columns, rows, empty };
}

function sections(d: EvidenceDiff): Section[] {
  return [
    {
      id: 'diff-policies',
      title: 'Policies',
      blocks: [
        {
          tables: [
            table(
              'diff-policy-table',
              ['Policy', 'Change', 'Field', 'Before', 'After'],
              d.policies.flatMap((p) =>
                p.fields.length
                  ? p.fields.map((f) => [
                      t(p.policy, true),
                      t(p.change),
                      t(f.path, true),
                      t(f.before ?? '—', true),
                      t(f.after ?? '—', true),
                    ])
                  : [
                      [
                        t(p.policy, true),
                        changeCell(p.change === 'added' ? 'added' : 'removed'),
                        t('—'),
                        t('—'),
                        t('—'),
                      ],
                    ],
              ),
              'No policy was added, removed or changed.',
            ),
          ],
        },
      ],
    },
    {
      id: 'diff-coverage',
      title: 'Coverage by namespace',
      blocks: [
        {
          tables: [
            table(
              'diff-coverage-table',
              ['Namespace', 'Effect', 'Changes'],
              d.coverage.map((c) => [
                t(c.namespace, true),
                c.weakened ? badge('weakened', 'bad') : badge('improved or neutral', 'ok'),
                t(c.changes.join('; ')),
              ]),
              'Coverage did not change in any namespace.',
            ),
          ],
        },
      ],
    },
    {
      id: 'diff-paths',
      title: 'Reachability paths',
      intro:
        'Paths to or from the outside world and across namespaces are marked; same-namespace paths follow.',
      blocks: [
        {
          tables: [
            table(
              'diff-path-table',
              ['Source', 'Destination', 'Change', 'Connections', 'Scope'],
              d.paths.map((p) => [
                t(p.src, true),
                t(p.dst, true),
                changeCell(p.change),
                t(
                  p.change === 'changed'
                    ? `${p.before ?? ''} -> ${p.after ?? ''}`
                    : (p.after ?? p.before ?? ''),
                ),
                p.scope === 'same-namespace' ? t(p.scope) : badge(p.scope, 'warn'),
              ]),
              'No path was opened or closed.',
            ),
          ],
        },
      ],
    },
    {
      id: 'diff-controls',
      title: 'Control status',
      blocks: [
        {
          tables: [
            table(
              'diff-control-table',
              ['Framework', 'Control', 'Before', 'After'],
              d.controls.map((c) => [
                t(c.framework),
                t(c.id, true),
                t(c.before ?? '—'),
                changeCell(c.after ?? '—'),
              ]),
              'No control changed status.',
            ),
          ],
        },
      ],
    },
    {
      id: 'diff-vendors',
      title: 'Sub-processors and egress to the outside world',
      blocks: [
        {
          tables: [
            table(
              'diff-vendor-table',
              ['Vendor', 'Change', 'Details'],
              d.vendors.map((v) => [t(v.vendor), changeCell(v.change), t(v.details.join('; ') || '—')]),
              'The register did not change.',
            ),
            table(
              'diff-egress-table',
              ['Source', 'New destination', 'Connections'],
              d.newEgress.map((p) => [t(p.src, true), t(p.dst, true), t(p.after ?? '')]),
              'No new egress to outside the cluster.',
            ),
          ],
        },
      ],
    },
    ...(d.enforcement
      ? [
          {
            id: 'diff-enforcement',
            title: 'Enforcement (observed flows)',
            blocks: [
              {
                tables: [
                  table(
                    'diff-enforcement-table',
                    ['Measure', 'Before', 'After'],
                    d.enforcement.map((x) => [
                      t(x.measure),
                      t(x.before === undefined ? 'no flows read' : String(x.before)),
                      t(x.after === undefined ? 'no flows read' : String(x.after)),
                    ]),
                    'No flows were read.',
                  ),
                ],
              },
            ],
          },
        ]
      : []),
    {
      id: 'diff-findings',
      title: 'Findings',
      blocks: [
        {
          tables: [
            table(
              'diff-finding-table',
              ['Finding', 'Change', 'Severity', 'Rule', 'Resource', 'Detail'],
              d.findings.map((f) => [
                t(f.id, true),
                changeCell(f.change),
                t(f.severity),
                t(f.rule),
                t(f.resource, true),
                t(f.detail ?? f.message),
              ]),
              'No finding was opened or closed.',
            ),
          ],
        },
      ],
    },
  ];
}

/** The diff as a view the diff template prints with the report's partials. */
export function buildDiffView(d: EvidenceDiff, css: string): ReportView {
  const s = sections(d);
  const c = d.counts;
  return {
    title: `Evidence diff — ${d.new.source} — ${d.old.generatedAt.slice(0, 10)} to ${d.new.generatedAt.slice(0, 10)}`,
    lang: 'en',
    css,
    headerText: `${d.old.reportId} -> ${d.new.reportId}`,
    cover: {
      organisation: d.new.source,
      heading: 'What changed between two evidence bundles',
      facts: [
        { label: 'Older bundle', value: `${d.old.reportId} (${d.old.generatedAt})`, code: true },
        { label: 'Newer bundle', value: `${d.new.reportId} (${d.new.generatedAt})`, code: true },
        {
          label: 'Policies',
          value: `${c.policiesAdded ?? 0} added, ${c.policiesRemoved ?? 0} removed, ${c.policiesChanged ?? 0} changed`,
        },
        {
          label: 'Paths',
          value: `${c.pathsOpened ?? 0} opened (${c.externalPathsOpened ?? 0} external, ${c.crossNamespacePathsOpened ?? 0} cross-namespace), ${c.pathsClosed ?? 0} closed`,
        },
        { label: 'Findings', value: `${c.findingsOpened ?? 0} opened, ${c.findingsClosed ?? 0} closed` },
        { label: 'Controls changed', value: String(c.controlsChanged ?? 0) },
      ],
    },
    toc: s.map((x) => ({ id: x.id, title: x.title })),
    sections: s,
  };
}
