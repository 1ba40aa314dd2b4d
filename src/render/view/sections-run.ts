// The run as the report shows it: where the data came from, who read it, every option and input digest.
import { stringify } from 'yaml';
import type { Evidence, RunHistory } from '../../model/evidence.js';
import { text } from './format.js';
import type { Block } from './view-types.js';

const HALF_YEAR_DAYS = 183;

/** The cover's lines about the run: data source, crosswalk overrides, an old adequacy list. */
export function runCoverFacts(e: Evidence): { label: string; value: string }[] {
  const run = e.run;
  if (!run) return [];
  const s = run.source;
  const who = s.authenticatedAs?.username
    ? ` as ${s.authenticatedAs.username}`
    : s.authenticatedAs?.unavailable
      ? ` (identity unknown: ${s.authenticatedAs.unavailable})`
      : '';
  const out = [
    {
      label: 'Data source',
      value: s.live ? `Live cluster ${s.server ?? ''}, read by this run${who}` : (s.statement ?? ''),
    },
  ];
  for (const m of run.mappingChanges)
    out.push({ label: 'Mappings changed by', value: `${m.file}: ${m.changes.join(', ')}` });
  const adequacy = run.inputs.find((i) => i.asOf !== undefined);
  if (adequacy?.asOf) {
    const age = (Date.parse(e.generatedAt) - Date.parse(`${adequacy.asOf}T00:00:00Z`)) / 86_400_000;
    if (age > HALF_YEAR_DAYS)
      out.push({
        label: 'Warning',
        value: `The adequacy list is as of ${adequacy.asOf}, more than 6 months before this report: check for new or expired adequacy decisions.`,
      });
  }
  return out;
}

/** Regular testing (GDPR Art. 32(1)(d)): what the bundle chain shows of earlier runs, and no more. */
export function historyText(h: RunHistory): string {
  if (h.earlierRuns === 0)
    return 'This is a one-off run: no earlier bundle of this cluster is linked in the output folder, so this report is no evidence that the tests run regularly (GDPR Art. 32(1)(d) is not supported by it).';
  const span =
    h.first && h.last
      ? h.first === h.last
        ? ` on ${h.first.slice(0, 10)}`
        : ` between ${h.first.slice(0, 10)} and ${h.last.slice(0, 10)}`
      : '';
  const end =
    h.endsAt === 'first'
      ? 'back to the first bundle of the chain'
      : 'as far as the bundles are still in the folder (older ones were pruned or moved)';
  return `This run follows ${h.earlierRuns} earlier ${h.earlierRuns === 1 ? 'run' : 'runs'} of this cluster${span}, linked by the bundle hash chain ${end}: evidence that the tests are scheduled (scheduled-runs supports GDPR Art. 32(1)(d); how regular that is, an auditor judges from the dates).`;
}

/** Scope and method: the identity of the source and the recorded run (options and input digests). */
export function runBlocks(e: Evidence): Block[] {
  const run = e.run;
  if (!run) return [];
  const s = run.source;
  return [
    {
      heading: 'The run',
      paragraphs: [
        s.live
          ? 'The data was read from a live cluster by this run.'
          : (s.statement ?? 'The data was not collected from a live cluster.'),
        ...(e.history ? [historyText(e.history)] : []),
      ],
      facts: [
        { label: 'Tool', value: `${run.tool.name} ${run.tool.version}` },
        ...(s.server ? [{ label: 'Kubernetes API', value: s.server }] : []),
        ...(s.kubeSystemUid ? [{ label: 'kube-system UID', value: s.kubeSystemUid, code: true }] : []),
        ...(s.serverVersion ? [{ label: 'Server version', value: s.serverVersion }] : []),
        ...(s.authenticatedAs
          ? [
              {
                label: 'Authenticated as',
                value:
                  s.authenticatedAs.unavailable ??
                  `${s.authenticatedAs.username ?? '(no username)'}${s.authenticatedAs.groups?.length ? ` (groups ${s.authenticatedAs.groups.join(', ')})` : ''}`,
              },
            ]
          : []),
      ],
      tables: [
        {
          caption: 'Input files and their SHA-256',
          widths: [14, 36, 50],
          columns: ['Role', 'File', 'SHA-256'],
          rows: run.inputs.map((i) => [
            text(i.asOf ? `${i.role} (as of ${i.asOf})` : i.role),
            text(i.file, true),
            text(i.sha256, true),
          ]),
          empty: 'No input file besides the source.',
        },
      ],
      pre: stringify(run.options),
    },
  ];
}
