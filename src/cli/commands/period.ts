// `period --bundles DIR --since DATE --until DATE`: the signed period report (SOC 2 Type II evidence).
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { AppError } from '../../model/errors.js';
import { SEVERITY_ORDER, type Severity } from '../../model/finding.js';
import { runPeriod, type PeriodFormat, type PeriodOptions } from '../../run/period-run.js';
import { plural } from '../../render/view/format.js';
import type { CliContext } from '../context.js';
import { parseDate } from '../report-flags.js';
import { resolveSigning, signingOptions, type SigningFlags } from '../signing-flags.js';
import type { SetExit } from './index.js';

interface PeriodArgs extends SigningFlags {
  bundles: string;
  since: string;
  until: string;
  cluster?: string;
  ca?: string;
  out: string;
  formats: string;
  organisation?: string;
  'fail-on'?: string;
}

const FORMATS: readonly PeriodFormat[] = ['html', 'pdf', 'json'];

/** Flags -> PeriodOptions with every default applied once. */
export function resolvePeriodOptions(a: PeriodArgs): PeriodOptions {
  const since = parseDate('since', a.since, false);
  const until = parseDate('until', a.until, true);
  if (since > until) throw new AppError('USAGE', `--since (${a.since}) is after --until (${a.until})`);
  const formats = new Set<PeriodFormat>(['json']);
  for (const f of a.formats
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!FORMATS.includes(f as PeriodFormat))
      throw new AppError('USAGE', `--formats: unknown value "${f}" (choose from ${FORMATS.join(', ')})`);
    formats.add(f as PeriodFormat);
  }
  return {
    bundlesDir: a.bundles,
    since,
    until,
    ...(a.cluster ? { cluster: a.cluster } : {}),
    ...(a.ca ? { ca: a.ca } : {}),
    outDir: a.out,
    formats,
    signing: resolveSigning(a),
    ...(a['tsa-url'] ? { tsaUrl: a['tsa-url'] } : {}),
    ...(a.organisation ? { organisation: a.organisation } : {}),
    ...(a['fail-on'] ? { failOn: a['fail-on'] as Severity } : {}),
  };
}

export function periodCommand(ctx: CliContext, setExit: SetExit): CommandModule<object, PeriodArgs> {
  return {
    command: 'period',
    describe:
      'Verify the daily bundles of a period and write a signed period report (days covered, gaps, controls over time)',
    builder: (y: Argv) =>
      signingOptions(y, 'period report')
        .option('bundles', {
          type: 'string',
          demandOption: true,
          describe: 'Folder of bundles: <cluster>/<UTC time>/ (or one cluster folder)',
        })
        .option('since', {
          type: 'string',
          demandOption: true,
          describe: 'First day of the period (YYYY-MM-DD, UTC)',
        })
        .option('until', {
          type: 'string',
          demandOption: true,
          describe: 'Last day of the period (YYYY-MM-DD, UTC, inclusive)',
        })
        .option('cluster', { type: 'string', describe: 'Only this cluster folder' })
        .option('ca', { type: 'string', describe: 'Trust anchor (PEM) the bundle signatures must chain to' })
        .option('out', {
          type: 'string',
          default: 'reports',
          describe: 'Output folder; the report goes to <out>/<cluster>/periods/<UTC time>/',
        })
        .option('formats', {
          alias: 'o',
          type: 'string',
          default: FORMATS.join(','),
          describe: 'Outputs: html, pdf, json (period.json is always written)',
        })
        .option('organisation', { type: 'string', describe: 'Organisation named on the cover' })
        .option('fail-on', {
          type: 'string',
          choices: [...SEVERITY_ORDER],
          describe:
            'Exit 1 when a finding about the evidence (gap, rejected bundle, broken chain) is at or above this severity',
        })
        .example(
          '$0 period --bundles reports --cluster prod --since 2025-01-01 --until 2025-12-31 --ca ca.pem --sign-key key.pem --sign-cert cert.pem',
          'a year of daily bundles',
        ) as unknown as Argv<PeriodArgs>,
    handler: async (argv) => {
      const opts = resolvePeriodOptions(argv);
      const pdf = opts.formats.has('pdf')
        ? (await import('../../render/pdf/render-pdf.js')).chromiumPdfRenderer
        : { render: () => Promise.reject(new AppError('RENDER', 'PDF output was not requested')) };
      const result = await runPeriod(opts, ctx, { pdf });
      // Like `report`: the summary goes to stderr and stdout carries only the output folder(s), the last line
      // being a folder a script can use.
      for (const r of result.reports) {
        const s = r.report.summary;
        ctx.log.info(
          `${r.cluster}: ${s.daysCovered}/${plural(s.days, 'day')} covered, ${plural(s.bundlesRejected, 'bundle')} rejected, ${plural(r.report.periodFindings.length, 'finding')} about the evidence`,
          { folder: path.resolve(ctx.cwd, r.bundleDir) },
        );
      }
      for (const r of result.reports) ctx.out(path.resolve(ctx.cwd, r.bundleDir));
      if (result.failed) setExit(1);
    },
  };
}
