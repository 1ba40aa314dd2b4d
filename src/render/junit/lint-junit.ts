// Lint results as JUnit XML: one test case per file and rule; results at or above --fail-on are failures.
import { atOrAbove, type LintLevel, type LintReport, type LintResult } from '../../model/lint.js';

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .split('')
    .filter((c) => c >= ' ' || c === '\n' || c === '\t' || c === '\r') // XML 1.0 forbids other control characters
    .join('');
}

const line = (r: LintResult): string =>
  `${r.file}:${r.line}:${r.column}: ${r.level} ${r.message} (${r.object} ${r.field})`;

export function formatLintJunit(report: LintReport, failOn: LintLevel): string {
  const cases: string[] = [];
  let failures = 0;
  for (const file of report.files) {
    for (const rule of report.rules) {
      const rs = report.results.filter((r) => r.file === file && r.ruleId === rule.id);
      const failing = rs.filter((r) => atOrAbove(r.level, failOn));
      const name = `${rule.id} ${file}`;
      const open = `    <testcase classname="${xml(file)}" name="${xml(name)}" file="${xml(file)}"`;
      if (failing.length > 0) {
        failures++;
        const first = failing[0]!;
        cases.push(
          `${open}>\n      <failure message="${xml(`${failing.length} ${rule.id} result(s), first at line ${first.line}`)}" type="${xml(first.level)}">${xml(failing.map(line).join('\n'))}</failure>\n    </testcase>`,
        );
      } else if (rs.length > 0) {
        cases.push(
          `${open}>\n      <system-out>${xml(rs.map(line).join('\n'))}</system-out>\n    </testcase>`,
        );
      } else cases.push(`${open}/>`);
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="netpol-evidence lint" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="netpol-evidence lint" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
