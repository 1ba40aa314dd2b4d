// The Enforcement section: observed flows compared with what the policies allow (present with --flows).
import type { Evidence } from '../../model/evidence.js';
import type { FlowPath, FlowsSection, Listed } from '../../model/flows.js';
import { connWords, num, text } from './format.js';
import { probeBlocks } from './sections-probes.js';
import type { Cell, Section, Table } from './view-types.js';

function sourceText(s: FlowsSection['sources'][number]): string {
  return s.type === 'file'
    ? `${s.path} (${s.format}, ${num(s.records)} records, ${num(s.malformed)} malformed, SHA-256 ${s.sha256})`
    : `Hubble Relay ${s.address}, ${s.since} to ${s.until} (${num(s.records)} records, ${num(s.malformed)} malformed)`;
}

function seen(p: FlowPath): string {
  if (!p.firstSeen) return '';
  return p.firstSeen === p.lastSeen ? p.firstSeen : `${p.firstSeen} to ${p.lastSeen ?? ''}`;
}

function pathTable(
  caption: string,
  list: Listed<FlowPath>,
  limit: number,
  empty: string,
  badge?: Cell['badge'],
): Table {
  const shown = Math.min(limit, list.items.length);
  return {
    caption,
    widths: [28, 28, 12, 10, 22],
    columns: ['Source', 'Destination', 'Port', 'Flows', 'Seen'],
    rows: list.items
      .slice(0, limit)
      .map((p) => [
        text(p.src, true),
        text(p.dst, true),
        badge ? { text: `${p.protocol} ${p.port}`, badge } : text(`${p.protocol} ${p.port}`),
        text(num(p.flows)),
        text(seen(p)),
      ]),
    empty,
    ...(list.total > shown
      ? {
          note: `Showing ${num(shown)} of ${num(list.total)}; evidence.json (flows) lists the first ${num(list.items.length)}.`,
        }
      : {}),
  };
}

export function enforcementSection(e: Evidence, limit: number): Section | undefined {
  const f = e.flows;
  const probes = e.probes ? probeBlocks(e.probes, limit) : [];
  if (!f)
    return probes.length
      ? {
          id: 'enforcement',
          title: 'Enforcement',
          intro:
            'Whether the network plugin enforces the policies as collected, from active probes (no flow logs were given).',
          blocks: probes,
        }
      : undefined;
  const c = f.counts;
  const o = c.byOutcome;
  const enforcement: Table = {
    caption: 'Enforcement seen: dropped connections the policies deny, per policy',
    widths: [30, 10, 10, 50],
    columns: ['Policy', 'Direction', 'Flows', 'Example'],
    rows: f.enforcement.slice(0, limit).map((x) => {
      const ex = x.examples[0];
      return [
        text(x.policy, true),
        text(x.direction),
        { text: num(x.flows), badge: 'ok' },
        text(
          ex
            ? `${ex.src} -> ${ex.dst} ${ex.protocol} ${ex.port}${ex.firstSeen ? ` at ${ex.firstSeen}` : ''}`
            : '',
        ),
      ];
    }),
    empty: 'No dropped connection the policies deny was observed in the window.',
  };
  const unused: Table = {
    caption: 'NetworkPolicy rules that allowed no observed flow (least-privilege candidates, not findings)',
    columns: ['Rule'],
    rows: f.unusedRules.slice(0, limit).map((r) => [text(r, true)]),
    empty: 'Every NetworkPolicy rule allowed at least one observed flow.',
    ...(f.unusedRules.length > limit
      ? {
          note: `Showing ${num(limit)} of ${num(f.unusedRules.length)}; all are in evidence.json (flows.unusedRules).`,
        }
      : {}),
  };
  const unobserved: Table = {
    caption: 'Allowed workload paths no flow took in the window (least-privilege candidates, not findings)',
    columns: ['Source', 'Destination', 'Allowed'],
    rows: f.unobserved.items
      .slice(0, limit)
      .map((p) => [text(p.src, true), text(p.dst, true), text(connWords(p.conns))]),
    empty: f.unobserved.complete
      ? 'Every allowed workload path was observed.'
      : 'The cluster is too large to list its allowed workload pairs.',
    ...(f.unobserved.total > Math.min(limit, f.unobserved.items.length)
      ? { note: `Showing ${num(Math.min(limit, f.unobserved.items.length))} of ${num(f.unobserved.total)}.` }
      : {}),
  };
  return {
    id: 'enforcement',
    title: 'Enforcement',
    intro: `Observed traffic compared with what the policies allow, counting only connection-initiating flows (replies are left out). A forwarded flow the policies deny means the network plugin does not enforce them as collected (unenforced-flow, critical); a flow dropped by a policy the collected policies allow means other rules run in the cluster (dropped-allowed-flow, medium). Window: ${f.window.from ?? 'unknown'} to ${f.window.to ?? 'unknown'}.`,
    blocks: [
      {
        facts: [
          ...f.sources.map((s, i) => ({ label: `Source ${i + 1}`, value: sourceText(s), code: true })),
          {
            label: 'Flows read',
            value: `${num(c.flows)} in ${num(c.records)} records (${num(c.malformed)} malformed, ${num(c.otherEvents)} other events)`,
          },
          {
            label: 'Verdicts',
            value: `${num(c.byVerdict.forwarded)} forwarded, ${num(c.byVerdict.policyDropped)} dropped by policy, ${num(c.byVerdict.otherDropped)} dropped for other reasons`,
          },
          {
            label: 'Not compared',
            value: `${num(c.replies)} replies, ${num(c.notComparable)} without a port or with both ends outside, ${num(c.unresolved)} with an end not in the snapshot`,
          },
          { label: 'Allowed and forwarded', value: num(o.allowedForwarded) },
          { label: 'Denied and dropped (enforcement seen)', value: num(o.enforced) },
          { label: 'Denied but forwarded (unenforced)', value: num(o.unenforced) },
          { label: 'Allowed but dropped by policy', value: num(o.droppedAllowed) },
        ],
      },
      { tables: [enforcement] },
      {
        tables: [
          pathTable(
            'Forwarded although the policies deny it (unenforced-flow)',
            f.unenforced,
            limit,
            'No forwarded flow contradicts the policies (no unenforced-flow).',
            'bad',
          ),
        ],
      },
      {
        tables: [
          pathTable(
            'Dropped by policy although the policies allow it (dropped-allowed-flow)',
            f.droppedAllowed,
            limit,
            'No policy drop contradicts the policies (no dropped-allowed-flow).',
            'warn',
          ),
        ],
      },
      { tables: [unused, unobserved] },
      ...(f.unresolvedExamples.length
        ? [{ heading: 'Ends not found in the snapshot', paragraphs: [f.unresolvedExamples.join(', ')] }]
        : []),
      ...probes,
    ],
  };
}
