// `report` flags -> ReportOptions, with every default applied here, once.
import type { Argv } from 'yargs';
import { AppError } from '../model/errors.js';
import { SEVERITY_ORDER, type Framework, type Severity } from '../model/finding.js';
import { OUTPUT_FORMATS, type OutputFormat, type ReportOptions } from '../run/report-options.js';
import { sourceOptions, type SourceFlags } from './options.js';
import { resolveSigning, signingOptions, type SigningFlags } from './signing-flags.js';
import { reviewHostFlagValues, reviewHostOptions, type ReviewHostFlags } from './review-host-flags.js';

export interface ReportFlags extends SourceFlags, SigningFlags, ReviewHostFlags {
  out: string;
  formats: string;
  frameworks: string;
  'fail-on'?: string;
  organisation?: string;
  since?: string;
  until?: string;
  'git-repo'?: string;
  'git-ref'?: string;
  'git-path'?: string[];
  'git-allowed-signers'?: string;
  inventory?: string;
  exceptions?: string;
  controls?: string[];
  'max-document-age-days': number;
  'max-exception-days': number;
  config?: string;
  'locker-git'?: string;
  keep?: number;
  'keep-days'?: number;
  'keep-unchained'?: boolean;
  flows?: string[];
  probes?: string[];
  'hubble-relay'?: string;
  'hubble-ca'?: string;
  'flows-since'?: string;
}

const FRAMEWORKS: readonly Framework[] = ['soc2', 'iso27001', 'gdpr'];
const DAY = 86_400_000;

export function reportOptions<T>(y: Argv<T>): Argv<T & ReportFlags> {
  return reviewHostOptions(signingOptions(sourceOptions(y)))
    .option('out', {
      type: 'string',
      default: 'reports',
      describe: 'Output folder; bundles go to <out>/<cluster>/<UTC time>/',
      group: 'Output:',
    })
    .option('formats', {
      alias: 'o',
      type: 'string',
      default: OUTPUT_FORMATS.join(','),
      describe: `Outputs, comma-separated: ${OUTPUT_FORMATS.join(', ')} (evidence.json is always written)`,
      group: 'Output:',
    })
    .option('organisation', { type: 'string', describe: 'Organisation named on the cover', group: 'Output:' })
    .option('frameworks', {
      type: 'string',
      default: FRAMEWORKS.join(','),
      describe: 'Frameworks to map to: soc2, iso27001, gdpr',
      group: 'Compliance:',
    })
    .option('fail-on', {
      type: 'string',
      choices: [...SEVERITY_ORDER],
      describe: 'Exit 1 when an open finding is at or above this severity',
      group: 'Compliance:',
    })
    .option('inventory', { type: 'string', describe: 'Sub-processor inventory (YAML)', group: 'Compliance:' })
    .option('exceptions', {
      type: 'string',
      describe: 'Accepted-risk exceptions (YAML)',
      group: 'Compliance:',
    })
    .option('controls', {
      type: 'string',
      array: true,
      describe: 'Extra control catalog or mapping file; repeatable',
      group: 'Compliance:',
    })
    .option('max-document-age-days', {
      type: 'number',
      default: 365,
      describe: 'Age after which a DPA or vendor review is outdated',
      group: 'Compliance:',
    })
    .option('max-exception-days', {
      type: 'number',
      default: 365,
      describe: 'Longest validity of an accepted risk (approved to expires); longer is a finding',
      group: 'Compliance:',
    })
    .option('since', {
      type: 'string',
      describe: 'Start of the audit period (YYYY-MM-DD; default 90 days before now)',
      group: 'Period and Git:',
    })
    .option('until', {
      type: 'string',
      describe: 'End of the audit period (YYYY-MM-DD or ISO time; default now)',
      group: 'Period and Git:',
    })
    .option('git-repo', {
      type: 'string',
      describe: 'Repository (path or URL) that declares the policies',
      group: 'Period and Git:',
    })
    .option('git-ref', {
      type: 'string',
      describe: "Branch or ref (default: the remote's default branch)",
      group: 'Period and Git:',
    })
    .option('git-path', {
      type: 'string',
      array: true,
      describe: 'Glob of the policy manifests in the repo; repeatable',
      group: 'Period and Git:',
    })
    .option('git-allowed-signers', {
      type: 'string',
      describe: 'allowed_signers file to verify SSH-signed commits',
      group: 'Period and Git:',
    })
    .option('flows', {
      type: 'string',
      array: true,
      describe:
        'Flow log file or folder (Hubble, Calico, generic CSV/JSON lines; .gz ok) to compare with the policies; repeatable',
      group: 'Compliance:',
    })
    .option('probes', {
      type: 'string',
      array: true,
      describe: 'Results of `probe run` (JSON) to compare with the policies; repeatable',
      group: 'Compliance:',
    })
    .option('hubble-relay', {
      type: 'string',
      describe: 'Hubble Relay HOST:PORT to read flows from (Observer.GetFlows) and compare with the policies',
      group: 'Compliance:',
    })
    .option('hubble-ca', {
      type: 'string',
      describe: "PEM CA of Hubble Relay's TLS certificate (without it the connection is plaintext)",
      group: 'Compliance:',
    })
    .option('flows-since', {
      type: 'string',
      describe: 'How far back --hubble-relay reads: 30m, 24h, 7d (default 24h)',
      group: 'Compliance:',
    })
    .option('config', {
      type: 'string',
      describe: 'YAML file with any of these options (flags override it); see docs/config.schema.json',
      group: 'Output:',
    })
    .option('locker-git', {
      type: 'string',
      describe: 'Git repository (URL or path) to commit each finished bundle to',
      group: 'Output:',
    })
    .option('keep', {
      type: 'number',
      describe: 'Keep the newest N bundles of this cluster in the output folder',
      group: 'Output:',
    })
    .option('keep-days', {
      type: 'number',
      describe: 'Keep bundles of the last D days in the output folder',
      group: 'Output:',
    })
    .option('keep-unchained', {
      type: 'boolean',
      describe:
        "Let retention remove bundles the newest bundle's hash chain still needs (the cut is recorded)",
      group: 'Output:',
    }) as unknown as Argv<T & ReportFlags>;
}

/** A --since/--until value: YYYY-MM-DD (start or end of that UTC day) or an ISO time. */
export function parseDate(flag: string, v: string, endOfDay: boolean): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? new Date(`${v}T${endOfDay ? '23:59:59' : '00:00:00'}Z`)
    : new Date(v);
  if (Number.isNaN(d.getTime()))
    throw new AppError('USAGE', `--${flag}: "${v}" is not a date (use YYYY-MM-DD)`);
  return d;
}

function list<T extends string>(flag: string, v: string, allowed: readonly T[]): T[] {
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items)
    if (!allowed.includes(i as T))
      throw new AppError('USAGE', `--${flag}: unknown value "${i}" (choose from ${allowed.join(', ')})`);
  return [...new Set(items)] as T[];
}

/** A duration such as 90s, 30m, 24h or 7d, in milliseconds. */
export function parseDuration(flag: string, v: string): number {
  const m = /^(\d+)(s|m|h|d)$/.exec(v.trim());
  const n = m
    ? Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: DAY }[m[2] as 's' | 'm' | 'h' | 'd']
    : 0;
  if (!n) throw new AppError('USAGE', `--${flag}: "${v}" is not a duration (e.g. 30m, 24h, 7d)`);
  return n;
}

function hubbleRelayOptions(a: ReportFlags): Pick<ReportOptions, 'hubbleRelay'> {
  if (!a['hubble-relay']) {
    if (a['hubble-ca'] || a['flows-since'])
      throw new AppError('USAGE', '--hubble-ca and --flows-since need --hubble-relay HOST:PORT');
    return {};
  }
  if (!/^[^\s:]+:\d{1,5}$/.test(a['hubble-relay']))
    throw new AppError('USAGE', `--hubble-relay: "${a['hubble-relay']}" is not HOST:PORT`);
  return {
    hubbleRelay: {
      address: a['hubble-relay'],
      ...(a['hubble-ca'] ? { caFile: a['hubble-ca'] } : {}),
      sinceMs: parseDuration('flows-since', a['flows-since'] ?? '24h'),
    },
  };
}

export function resolveReportOptions(a: ReportFlags, now: Date): ReportOptions {
  const until = a.until ? parseDate('until', a.until, true) : now;
  const since = a.since ? parseDate('since', a.since, false) : new Date(until.getTime() - 90 * DAY);
  if (since > until) throw new AppError('USAGE', `--since (${a.since}) is after --until`);
  const formats = new Set<OutputFormat>(list('formats', a.formats, OUTPUT_FORMATS));
  formats.add('json');
  if (a['git-path']?.length && !a['git-repo']) throw new AppError('USAGE', '--git-path needs --git-repo');
  const reviewHost = reviewHostFlagValues(a);
  if (Object.keys(reviewHost).length > 0 && !a['git-repo'])
    throw new AppError('USAGE', '--review-host, --review-host-url and --review-repo need --git-repo');
  if (!Number.isFinite(a['max-document-age-days']) || a['max-document-age-days'] <= 0)
    throw new AppError('USAGE', '--max-document-age-days must be a positive number');
  if (!Number.isInteger(a['max-exception-days']) || a['max-exception-days'] <= 0)
    throw new AppError('USAGE', '--max-exception-days must be a positive whole number of days');
  return {
    source: {
      ...(a.manifests ? { manifests: a.manifests } : {}),
      ...(a.snapshot ? { snapshot: a.snapshot } : {}),
      ...(a.kubeconfig ? { kubeconfig: a.kubeconfig } : {}),
      ...(a.context ? { context: a.context } : {}),
      ...(a.cluster ? { cluster: true } : {}),
      ...(a['source-name'] ? { sourceName: a['source-name'] } : {}),
    },
    outDir: a.out,
    formats,
    frameworks: list('frameworks', a.frameworks, FRAMEWORKS),
    ...(a['fail-on'] ? { failOn: a['fail-on'] as Severity } : {}),
    ...(a.organisation ? { organisation: a.organisation } : {}),
    period: { since, until },
    signing: resolveSigning(a),
    ...(a['tsa-url'] ? { tsaUrl: a['tsa-url'] } : {}),
    ...(a['git-repo']
      ? {
          git: {
            repo: a['git-repo'],
            ...(a['git-ref'] ? { ref: a['git-ref'] } : {}),
            paths: a['git-path'] ?? [],
            ...(a['git-allowed-signers'] ? { allowedSigners: a['git-allowed-signers'] } : {}),
            reviewHost,
          },
        }
      : {}),
    ...(a.inventory ? { inventory: a.inventory } : {}),
    ...(a.flows?.length ? { flows: a.flows } : {}),
    ...(a.probes?.length ? { probes: a.probes } : {}),
    ...hubbleRelayOptions(a),
    ...(a.exceptions ? { exceptions: a.exceptions } : {}),
    controls: a.controls ?? [],
    maxDocumentAgeDays: a['max-document-age-days'],
    maxExceptionDays: a['max-exception-days'],
    ...(a.config ? { configFile: a.config } : {}),
    ...(a['locker-git'] ? { lockerGit: a['locker-git'] } : {}),
    ...(a.keep !== undefined || a['keep-days'] !== undefined
      ? {
          retention: {
            ...(a.keep !== undefined ? { keep: a.keep } : {}),
            ...(a['keep-days'] !== undefined ? { keepDays: a['keep-days'] } : {}),
            keepChained: !a['keep-unchained'],
          },
        }
      : {}),
  };
}
