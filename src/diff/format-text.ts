// The diff as plain text for a terminal: one heading per area, one line per change.
import type { EvidenceDiff, PathChange } from './types.js';

function pathLine(p: PathChange): string {
  const conns =
    p.change === 'changed' ? `${p.before ?? ''} -> ${p.after ?? ''}` : (p.after ?? p.before ?? '');
  return `  ${p.change.padEnd(7)} ${p.src} => ${p.dst} : ${conns}${p.scope === 'same-namespace' ? '' : ` (${p.scope})`}`;
}

function section(title: string, lines: readonly string[], out: string[]): void {
  out.push('', `${title} (${lines.length})`);
  out.push(...(lines.length ? lines : ['  no change']));
}

/** Text with a stable layout (tests and auditors diff it too). */
export function formatDiffText(d: EvidenceDiff): string {
  const out: string[] = [
    `Comparing ${d.old.reportId} (${d.old.generatedAt}) -> ${d.new.reportId} (${d.new.generatedAt})`,
    `Cluster: ${d.old.source}${d.new.source !== d.old.source ? ` -> ${d.new.source}` : ''}`,
    ...(d.pathsComplete
      ? []
      : [
          'Note: a cluster is too large to list every connection; paths were compared over the listed ones only.',
        ]),
  ];
  section(
    'Policies',
    d.policies.flatMap((p) => [
      `  ${p.change.padEnd(7)} ${p.policy}`,
      ...p.fields.map((f) => `            ${f.path}: ${f.before ?? '(absent)'} -> ${f.after ?? '(absent)'}`),
    ]),
    out,
  );
  section(
    'Coverage by namespace',
    d.coverage.flatMap((c) => [
      `  ${c.namespace}${c.weakened ? ' (WEAKENED)' : ''}`,
      ...c.changes.map((x) => `            ${x}`),
    ]),
    out,
  );
  section('Reachability paths', d.paths.map(pathLine), out);
  section(
    'Controls',
    d.controls.map((c) => `  ${c.framework} ${c.id}: ${c.before ?? '(absent)'} -> ${c.after ?? '(absent)'}`),
    out,
  );
  section(
    'Sub-processors and egress',
    [
      ...d.vendors.map(
        (v) =>
          `  ${v.change.padEnd(7)} vendor ${v.vendor}${v.details.length ? `: ${v.details.join('; ')}` : ''}`,
      ),
      ...d.newEgress.map((p) => `  new egress ${p.src} => ${p.dst} : ${p.after ?? ''}`),
    ],
    out,
  );
  section(
    'Findings',
    d.findings.map(
      (f) =>
        `  ${f.change.padEnd(9)} ${f.id} [${f.severity}] ${f.rule} ${f.resource}${f.detail ? `: ${f.detail}` : ''}`,
    ),
    out,
  );
  if (d.enforcement)
    section(
      'Enforcement (observed flows)',
      d.enforcement.map((x) => `  ${x.measure}: ${x.before ?? '(no flows)'} -> ${x.after ?? '(no flows)'}`),
      out,
    );
  return `${out.join('\n')}\n`;
}
