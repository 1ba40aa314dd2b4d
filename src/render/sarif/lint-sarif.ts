// Lint results as SARIF 2.1.0 (GitHub code scanning): rules with help, results located by line and column,
// partialFingerprints so a result keeps its identity when lines move between commits.
import { lintHelpUri, type LintReport } from '../../model/lint.js';

export interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute URL of docs/rules.md for helpUri; without it rules carry their help text only. */
  readonly helpBase?: string;
}

/** The fingerprint key code scanning uses to match results across runs. */
export const FINGERPRINT_KEY = 'netpolEvidence/v1';

/** A path under the working folder is relative to the source root; any other becomes a file: URI. */
function artifact(file: string): { uri: string; uriBaseId?: string } {
  const posix = file.split('\\').join('/');
  if (posix.startsWith('/')) return { uri: `file://${encodeURI(posix)}` };
  return { uri: encodeURI(posix), uriBaseId: '%SRCROOT%' };
}

export function formatLintSarif(report: LintReport, options: SarifOptions): string {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'netpol-evidence',
            version: options.toolVersion,
            informationUri: 'https://www.npmjs.com/package/netpol-evidence',
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.help },
              help: {
                text: `${r.help}\nSee docs/rules.md#lint-${r.id}.`,
                markdown: `**${r.title}**\n\n${r.help}\n\nSee [docs/rules.md](${lintHelpUri(r.id, options.helpBase)}).`,
              },
              ...(options.helpBase ? { helpUri: lintHelpUri(r.id, options.helpBase) } : {}),
              defaultConfiguration: { level: r.level },
              properties: { tags: ['kubernetes', 'network-policy'] },
            })),
          },
        },
        results: report.results.map((r) => ({
          ruleId: r.ruleId,
          ruleIndex: index.get(r.ruleId) ?? 0,
          level: r.level,
          message: { text: `${r.message} (${r.object} ${r.field})` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifact(r.file),
                region: { startLine: r.line, startColumn: r.column },
              },
              logicalLocations: [
                { name: r.field, fullyQualifiedName: `${r.object}:${r.field}`, kind: 'member' },
              ],
            },
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: r.fingerprint },
        })),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
