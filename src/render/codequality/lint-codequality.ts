// Lint results as GitLab Code Quality JSON (a list of Code Climate issues: description, check_name,
// fingerprint, severity, location.path and location.lines.begin).
import type { LintLevel, LintReport } from '../../model/lint.js';

/** GitLab severities are info, minor, major, critical, blocker. */
const SEVERITY: Readonly<Record<LintLevel, string>> = { error: 'major', warning: 'minor', note: 'info' };

export function formatLintCodeQuality(report: LintReport): string {
  const issues = report.results.map((r) => ({
    type: 'issue',
    check_name: r.ruleId,
    description: `${r.message} (${r.object} ${r.field})`,
    categories: ['Security'],
    severity: SEVERITY[r.level],
    fingerprint: r.fingerprint,
    location: { path: r.file.split('\\').join('/'), lines: { begin: r.line } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
