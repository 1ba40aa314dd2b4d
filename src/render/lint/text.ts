// Lint results as compiler-style lines ("file:line:column: level rule: message") and a count line.
import type { LintReport } from '../../model/lint.js';

export function formatLintText(report: LintReport): string {
  const lines = report.results.map(
    (r) => `${r.file}:${r.line}:${r.column}: ${r.level} [${r.ruleId}] ${r.message} (${r.object} ${r.field})`,
  );
  const count = (l: string): number => report.results.filter((r) => r.level === l).length;
  lines.push(
    `${report.files.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('note')} note(s)`,
  );
  return `${lines.join('\n')}\n`;
}

/** The report as JSON (results with rule, level, file, line, column, help link). */
export function formatLintJson(report: LintReport, helpBase?: string): string {
  const base = helpBase ?? 'docs/rules.md';
  return `${JSON.stringify(
    {
      files: report.files,
      results: report.results.map((r) => ({ ...r, help: `${base}#lint-${r.ruleId}` })),
      rules: report.rules,
    },
    null,
    2,
  )}\n`;
}
