// The run's warnings, in the report itself: an auditor reads the report, not the job's stderr.
import type { Evidence } from '../../model/evidence.js';
import { plural } from './format.js';
import type { Section } from './view-types.js';

/** Every warning of the run (collection and analysis), or one line saying there were none. */
export function warningsSection(e: Evidence): Section {
  const lines = [
    ...e.snapshot.warnings.map((w) => `${w.where}: ${w.message}`),
    ...e.warnings.filter((w) => !e.snapshot.warnings.some((s) => w.includes(s.message))),
  ];
  if (lines.length === 0)
    return {
      id: 'warnings',
      title: 'Warnings',
      compact: true,
      blocks: [{ paragraphs: ['No warnings: every object read was understood and every check could run.'] }],
    };
  return {
    id: 'warnings',
    title: 'Warnings',
    intro: `${plural(lines.length, 'warning')} from this run (also in evidence.json, warnings): things the tool read but could not use, or checks it could not complete. None is a finding, but each may limit what the report shows.`,
    blocks: [
      {
        tables: [
          {
            id: 'warning-table',
            widths: [6, 94],
            columns: ['#', 'Warning'],
            rows: lines.map((l, i) => [{ text: String(i + 1) }, { text: l }]),
            empty: '',
          },
        ],
      },
    ],
  };
}
