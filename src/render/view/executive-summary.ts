// The executive summary: three to five sentences a reader can act on, then the figures.
import type { Evidence } from '../../model/evidence.js';
import { compareSeverity, SEVERITY_ORDER, type Finding } from '../../model/finding.js';
import { severityBarChart } from './charts.js';
import { dateOnly, num, plural, severityCell, text, utcTime } from './format.js';
import { frameworkLabel, kindNoun, ruleWords } from './labels.js';
import type { Block, Section, Table } from './view-types.js';

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** Open findings grouped by rule (their root cause), most severe and most widespread first. */
export function rootCauses(
  findings: readonly Finding[],
): { rule: string; worst: Finding; count: number; noun: string }[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  return [...groups.entries()]
    .map(([rule, fs]) => {
      const worst = [...fs].sort((a, b) => compareSeverity(a.severity, b.severity))[0] as Finding;
      const kinds = new Set(fs.map((f) => kindNoun(f.resource.kind)));
      return {
        rule,
        worst,
        count: fs.length,
        noun: kinds.size === 1 ? ([...kinds][0] ?? 'resource') : 'resource',
      };
    })
    .sort(
      (a, b) =>
        compareSeverity(a.worst.severity, b.worst.severity) ||
        b.count - a.count ||
        (a.rule < b.rule ? -1 : 1),
    );
}

/** The sentences: scope, snapshot time against the Git period, the worst open root causes, the controls. */
export function summarySentences(e: Evidence): string[] {
  const at = utcTime(e.snapshot.collection.finishedAt);
  const frameworks = listInWords(e.frameworks.map(frameworkLabel));
  const scope = `This report covers ${e.snapshot.source.name} as collected at ${at}: ${plural(e.summary.namespaces, 'namespace')}, ${plural(e.summary.workloads, 'workload')} and ${plural(e.summary.networkPolicies, 'NetworkPolicy', 'NetworkPolicies')}${frameworks ? `, mapped to ${frameworks}` : ''}.`;
  const period = `${dateOnly(e.period.since)} to ${dateOnly(e.period.until)}`;
  const time = e.changes
    ? `Coverage, connectivity and the findings on them are as of that moment; the Git change log and drift cover the audit period ${period} (${plural(e.changes.length, 'commit')} to the policy files).`
    : `Everything in it is as of that moment: no Git repository was given (--git-repo), so nothing here covers the audit period ${period}.`;
  const open = e.findings.filter((f) => f.exception?.status !== 'accepted');
  const causes = rootCauses(open).slice(0, 3);
  const worst = causes.length
    ? `Fix first: ${listInWords(causes.map((c) => `${ruleWords(c.rule)} (${c.worst.severity}, ${plural(c.count, c.noun)})`))}; ${plural(open.length, 'open finding')} in all.`
    : 'No finding is open.';
  const by = (s: string): number => e.controls.filter((c) => c.status === s).length;
  const controls = e.controls.length
    ? `${num(by('notSatisfied'))} of ${plural(e.controls.length, 'control')} are not satisfied and ${num(by('partial'))} partially; the control matrix names the findings behind each.`
    : 'No framework was selected, so no control was assessed.';
  return [scope, time, worst, sinceSentence(e), controls];
}

/** What changed since the previous bundle of this cluster, or why nothing is compared. */
export function sinceSentence(e: Evidence): string {
  const s = e.sincePrevious;
  if (!s)
    return 'This is the first bundle of this cluster in its output folder: there is no earlier bundle to compare with.';
  if (!s.compared) return `The previous bundle (${s.bundleId}) was not compared: ${s.reason}.`;
  const changes = [
    s.findingsOpened ? `${plural(s.findingsOpened, 'finding')} opened` : '',
    s.findingsClosed ? `${plural(s.findingsClosed, 'finding')} closed` : '',
    s.findingsChanged ? `${plural(s.findingsChanged, 'finding')} changed severity or exception` : '',
    s.controlsChanged ? `${plural(s.controlsChanged, 'control')} changed status` : '',
  ].filter(Boolean);
  const prev = `the previous bundle (${s.bundleId}, ${utcTime(s.generatedAt)})`;
  return changes.length
    ? `Since ${prev}: ${listInWords(changes)}; \`netpol-evidence diff\` shows them one by one.`
    : `Nothing changed since ${prev}: the same findings and control statuses.`;
}

export function summarySection(e: Evidence, frameworkBlocks: readonly Block[]): Section {
  const bySev = SEVERITY_ORDER.map((sev) => ({ label: sev, value: e.summary.findingsBySeverity[sev] ?? 0 }));
  const open = e.findings.filter((f) => f.exception?.status !== 'accepted');
  const top: Table = {
    widths: [11, 16, 25, 48],
    columns: ['Severity', 'Finding', 'Resource', 'What'],
    rows: [...open]
      .sort((a, b) => compareSeverity(a.severity, b.severity))
      .slice(0, 10)
      .map((f) => [
        severityCell(f.severity),
        { text: f.id, href: `#${f.id}`, code: true },
        text(
          `${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}`,
        ),
        text(f.message),
      ]),
    empty: 'No open findings.',
  };
  return {
    id: 'summary',
    title: 'Executive summary',
    blocks: [
      { id: 'summary-text', paragraphs: summarySentences(e) },
      {
        heading: 'Figures',
        facts: [
          { label: 'Namespaces', value: num(e.summary.namespaces) },
          { label: 'Workloads', value: num(e.summary.workloads) },
          { label: 'NetworkPolicies', value: num(e.summary.networkPolicies) },
          { label: 'Admin network policies', value: num(e.summary.adminNetworkPolicies) },
          { label: 'Allowed connections', value: num(e.summary.allowedConnections) },
          {
            label: 'Findings',
            value: `${plural(e.findings.length, 'finding')} (${plural(open.length, 'open finding')})`,
          },
        ],
        svg: severityBarChart(bySev),
      },
      ...frameworkBlocks,
      { heading: 'Most severe open findings', tables: [top] },
    ],
  };
}
