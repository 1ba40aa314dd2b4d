// The impact as a pull/merge request comment: a summary table first, each list in <details>, and never over
// GitHub's 65,536-character comment limit (each list is cut to its top rows, with a count of the rest).
import type { Impact } from '../../impact/impact.js';

/** GitHub refuses comments over 65,536 characters; stay well under it (GitLab notes allow more). */
export const MAX_COMMENT_CHARS = 60_000;
const MAX_CELL = 300;

function cell(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

interface Section {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function sections(i: Impact): Section[] {
  const d = i.diff;
  return [
    {
      title: 'Policies',
      header: ['change', 'policy', 'fields'],
      rows: d.policies.map((p) => [
        p.change,
        p.policy,
        p.fields.map((f) => `${f.path}: ${f.before ?? '(absent)'} → ${f.after ?? '(absent)'}`).join('; '),
      ]),
    },
    {
      title: 'Paths (outside world and across namespaces first)',
      header: ['change', 'scope', 'from', 'to', 'connections'],
      rows: d.paths.map((p) => [
        p.change,
        p.scope,
        p.src,
        p.dst,
        p.change === 'changed' ? `${p.before ?? ''} → ${p.after ?? ''}` : (p.after ?? p.before ?? ''),
      ]),
    },
    {
      title: 'Coverage by namespace',
      header: ['namespace', 'weakened', 'changes'],
      rows: d.coverage.map((c) => [c.namespace, c.weakened ? '**yes**' : 'no', c.changes.join('; ')]),
    },
    {
      title: 'Findings',
      header: ['change', 'severity', 'rule', 'resource', 'message'],
      rows: d.findings.map((f) => [f.change, f.severity, f.rule, f.resource, f.detail ?? f.message]),
    },
    {
      title: 'Controls',
      header: ['framework', 'control', 'before', 'after'],
      rows: d.controls.map((c) => [c.framework, c.id, c.before ?? '(absent)', c.after ?? '(absent)']),
    },
    {
      title: 'Sub-processors',
      header: ['vendor', 'change', 'details'],
      rows: d.vendors.map((v) => [v.vendor, v.change, v.details.join('; ')]),
    },
  ];
}

function summary(i: Impact): string[] {
  const c = i.diff.counts;
  const n = (k: string): number => c[k] ?? 0;
  const gate = i.gate
    ? i.gate.failing.length > 0
      ? `❌ ${i.gate.failing.length} opened finding(s) at or above ${i.gate.failOn}`
      : `✅ no opened finding at or above ${i.gate.failOn}`
    : 'not set';
  return [
    `### Network policy impact: \`${cell(i.base.label)}\` → \`${cell(i.head.label)}\``,
    '',
    '| | |',
    '|---|---|',
    `| Policies added / removed / changed | ${n('policiesAdded')} / ${n('policiesRemoved')} / ${n('policiesChanged')} |`,
    `| Paths opened / closed | ${n('pathsOpened')} / ${n('pathsClosed')} |`,
    `| … opened to or from outside the cluster | ${n('externalPathsOpened')} |`,
    `| … opened across namespaces | ${n('crossNamespacePathsOpened')} |`,
    `| Namespaces with weaker coverage | ${n('namespacesWeakened')} |`,
    `| Findings opened / closed | ${n('findingsOpened')} / ${n('findingsClosed')} |`,
    `| Controls whose status changes | ${n('controlsChanged')} |`,
    `| Vendors newly reachable | ${i.vendorsNewlyReachable.length ? cell(i.vendorsNewlyReachable.join(', ')) : '0'} |`,
    `| Gate | ${gate} |`,
    ...(i.diff.pathsComplete
      ? []
      : [
          '',
          '_The cluster is too large to list every connection: paths were compared over the listed ones._',
        ]),
  ];
}

function render(i: Impact, top: number): string {
  const out = summary(i);
  for (const s of sections(i)) {
    if (s.rows.length === 0) continue;
    const shown = s.rows.slice(0, top);
    out.push(
      '',
      `<details><summary>${cell(s.title)} (${s.rows.length})</summary>`,
      '',
      `| ${s.header.join(' | ')} |`,
      `|${s.header.map(() => '---').join('|')}|`,
      ...shown.map((r) => `| ${r.map(cell).join(' | ')} |`),
      ...(s.rows.length > shown.length
        ? ['', `…and ${s.rows.length - shown.length} more (run \`netpol-evidence impact -o text\` for all).`]
        : []),
      '',
      '</details>',
    );
  }
  return `${out.join('\n')}\n`;
}

/** The comment; rows per list shrink until it fits under MAX_COMMENT_CHARS (the summary always stays). */
export function formatImpactMarkdown(i: Impact): string {
  for (let top = 50; top > 0; top = Math.floor(top / 2)) {
    const text = render(i, top);
    if (text.length <= MAX_COMMENT_CHARS) return text;
  }
  return render(i, 0);
}
