// `lint PATH...`: policy mistakes before merge, in the formats code review shows (SARIF, Code Quality, JUnit).
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { lintManifests } from '../../analyze/lint/index.js';
import { loadLintInput } from '../../collect/manifests/lint-load.js';
import { readSnapshotFile } from '../../collect/snapshot-file.js';
import { atOrAbove, LINT_LEVELS, type LintLevel, type LintReport } from '../../model/lint.js';
import { formatLintCodeQuality } from '../../render/codequality/lint-codequality.js';
import { formatLintJunit } from '../../render/junit/lint-junit.js';
import { formatLintJson, formatLintText } from '../../render/lint/text.js';
import { formatLintSarif } from '../../render/sarif/lint-sarif.js';
import { writeFileAtomically } from '../../store/write-file-atomically.js';
import { TOOL } from '../../version.js';
import type { CliContext } from '../context.js';
import type { SetExit } from './index.js';

const FORMATS = ['text', 'json', 'sarif', 'codequality', 'junit'] as const;
type LintFormat = (typeof FORMATS)[number];

interface LintArgs {
  paths: string[];
  snapshot?: string;
  format: LintFormat;
  output?: string;
  'fail-on': LintLevel;
  'help-base'?: string;
}

/** The report in one format (pure). */
export function renderLint(
  report: LintReport,
  format: LintFormat,
  failOn: LintLevel,
  helpBase?: string,
): string {
  switch (format) {
    case 'text':
      return formatLintText(report);
    case 'json':
      return formatLintJson(report, helpBase);
    case 'sarif':
      return formatLintSarif(report, { toolVersion: TOOL.version, ...(helpBase ? { helpBase } : {}) });
    case 'codequality':
      return formatLintCodeQuality(report);
    case 'junit':
      return formatLintJunit(report, failOn);
  }
}

export function lintCommand(ctx: CliContext, setExit: SetExit): CommandModule<object, LintArgs> {
  return {
    command: 'lint <paths..>',
    describe:
      'Check NetworkPolicy and AdminNetworkPolicy manifests before merge (SARIF, Code Quality, JUnit, JSON, text)',
    builder: (y: Argv) =>
      y
        .positional('paths', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'Manifest files or folders',
        })
        .option('snapshot', {
          type: 'string',
          describe: 'A saved snapshot: check selectors against its live labels too',
        })
        .option('format', {
          alias: 'o',
          choices: FORMATS,
          default: 'text' as const,
          describe: 'Output format',
        })
        .option('output', { alias: 'file', type: 'string', describe: 'Write to this file instead of stdout' })
        .option('fail-on', {
          choices: LINT_LEVELS,
          default: 'error' as const,
          describe: 'Exit 1 when a result is at or above this level',
        })
        .option('help-base', {
          type: 'string',
          describe: 'URL of docs/rules.md for help links (SARIF helpUri); default: the relative path',
        })
        .example('$0 lint k8s/ -o sarif --output lint.sarif', 'SARIF for GitHub code scanning')
        .example(
          '$0 lint k8s/ --snapshot snap.json --fail-on warning',
          'against live labels, stricter gate',
        ) as unknown as Argv<LintArgs>,
    handler: async (argv) => {
      const load = await loadLintInput(argv.paths, ctx.now);
      const live = argv.snapshot ? await readSnapshotFile(argv.snapshot) : undefined;
      const report = lintManifests({
        files: load.files,
        objects: load.objects,
        manifests: load.snapshot,
        ...(live ? { live } : {}),
      });
      const text = renderLint(report, argv.format, argv['fail-on'], argv['help-base']);
      if (argv.output) {
        await writeFileAtomically(argv.output, text);
        ctx.out(path.resolve(ctx.cwd, argv.output));
      } else ctx.out(text.replace(/\n$/, ''));
      const failing = report.results.filter((r) => atOrAbove(r.level, argv['fail-on'])).length;
      ctx.log.info('lint', { files: load.files.length, results: report.results.length, failing });
      if (failing > 0) setExit(1);
    },
  };
}
