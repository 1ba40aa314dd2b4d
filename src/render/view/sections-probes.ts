// The active-probe part of the Enforcement section: each probe, what the policies expect and what it saw.
import type { ProbeEvidence, ProbeOutcome, ProbesSection } from '../../model/probes.js';
import { num, text } from './format.js';
import type { Block, Cell } from './view-types.js';

const BADGE: Readonly<Record<ProbeOutcome, Cell['badge']>> = {
  enforced: 'ok',
  allowed: 'ok',
  unenforced: 'bad',
  'dropped-allowed': 'warn',
  inconclusive: 'na',
  error: 'na',
  unresolved: 'na',
};

/** Contradictions first, then errors and inconclusive ones, then the rest; plan order within each. */
const ORDER: readonly ProbeOutcome[] = [
  'unenforced',
  'dropped-allowed',
  'error',
  'inconclusive',
  'unresolved',
  'enforced',
  'allowed',
];

function row(p: ProbeEvidence): Cell[] {
  return [
    text(p.id, true),
    text(`${p.from.workload} (${p.from.namespace}/${p.from.pod})`, true),
    text(`${p.to.workload} (${p.to.ip})`, true),
    text(`${p.protocol} ${p.port}`),
    text(p.expected ?? `${p.expect} (plan)`),
    text(p.detail === p.observed ? p.observed : `${p.observed}: ${p.detail}`),
    { text: p.outcome, badge: BADGE[p.outcome] },
  ];
}

/** Blocks for `probes` (present with report --probes). */
export function probeBlocks(s: ProbesSection, limit: number): Block[] {
  const c = s.counts;
  const sorted = [...s.results].sort((a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome));
  const shown = Math.min(limit, sorted.length);
  return [
    {
      heading: 'Active probes',
      id: 'probes',
      paragraphs: [
        'Connections tried on purpose from real pods (an ephemeral container per probe, netpol-evidence probe run) and compared with what the collected policies allow. A denied probe that connected is unenforced-flow (critical); an allowed probe that timed out is dropped-allowed-flow (medium). Refused and other failures, UDP timeouts and probes that did not run are counted and shown, never counted as enforcement. Probes are a sample of pods and ports at one moment, not every path.',
      ],
      facts: [
        ...s.sources.map((x, i) => ({
          label: `Probe run ${i + 1}`,
          value: `${x.path} (SHA-256 ${x.sha256}): ${x.server}, ${x.startedAt} to ${x.finishedAt}, image ${x.image}`,
          code: true,
        })),
        { label: 'Probes', value: num(c.total) },
        { label: 'Denied and blocked (enforcement seen)', value: num(c.enforced) },
        { label: 'Allowed and connected', value: num(c.allowed) },
        { label: 'Denied but connected (unenforced)', value: num(c.unenforced) },
        { label: 'Allowed but timed out', value: num(c['dropped-allowed']) },
        {
          label: 'Not counted',
          value: `${num(c.inconclusive)} inconclusive, ${num(c.error)} errors (did not run), ${num(c.unresolved)} with an end not in the snapshot`,
        },
      ],
      tables: [
        {
          caption: 'Probe results (contradictions first)',
          widths: [5, 24, 21, 8, 9, 17, 16],
          columns: ['Id', 'Source (pod)', 'Destination (IP)', 'Port', 'Policies', 'Observed', 'Outcome'],
          rows: sorted.slice(0, limit).map(row),
          empty: 'The probe results hold no probe.',
          ...(sorted.length > shown
            ? {
                note: `Showing ${num(shown)} of ${num(sorted.length)}; evidence.json (probes.results) lists all.`,
              }
            : {}),
        },
      ],
    },
  ];
}
