// `impact --base A --head B`: what a change does to reachability, coverage, findings, controls and vendors.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { SEVERITY_ORDER, type Framework, type Severity } from '../../model/finding.js';
import { AppError } from '../../model/errors.js';
import { formatImpactMarkdown } from '../../render/impact/impact-md.js';
import { formatImpactJson, formatImpactText } from '../../render/impact/impact-text.js';
import { runImpact } from '../../run/impact-run.js';
import { writeFileAtomically } from '../../store/write-file-atomically.js';
import type { CliContext } from '../context.js';
import type { SetExit } from './index.js';

const FORMATS = ['text', 'md', 'json'] as const;
const FRAMEWORKS: readonly Framework[] = ['soc2', 'iso27001', 'gdpr'];

interface ImpactArgs {
  base: string;
  head: string;
  'git-repo': string;
  'git-path'?: string[];
  snapshot?: string;
  inventory?: string;
  exceptions?: string;
  frameworks: string;
  format: (typeof FORMATS)[number];
  output?: string;
  'fail-on'?: Severity;
}

export function impactCommand(ctx: CliContext, setExit: SetExit): CommandModule<object, ImpactArgs> {
  return {
    command: 'impact',
    describe: 'What a change does: policies, paths opened and closed, coverage, findings, controls, vendors',
    builder: (y: Argv) =>
      y
        .option('base', {
          type: 'string',
          demandOption: true,
          describe: 'Before: a folder of manifests, or a Git ref with --git-path',
        })
        .option('head', {
          type: 'string',
          demandOption: true,
          describe: 'After: a folder of manifests, or a Git ref with --git-path',
        })
        .option('git-repo', {
          type: 'string',
          default: '.',
          describe: 'Repository whose refs --base and --head name',
        })
        .option('git-path', {
          type: 'string',
          array: true,
          describe: 'Globs of the manifest files in the repository (makes --base/--head refs)',
        })
        .option('snapshot', {
          type: 'string',
          describe: 'Saved snapshot of the live cluster: its workloads and labels for both sides',
        })
        .option('inventory', {
          type: 'string',
          describe: 'Sub-processor inventory (YAML), for vendors newly reachable',
        })
        .option('exceptions', {
          type: 'string',
          describe: 'Accepted-risk exceptions (YAML): covered findings do not fail the gate',
        })
        .option('frameworks', {
          type: 'string',
          default: FRAMEWORKS.join(','),
          describe: 'Frameworks to map to: soc2, iso27001, gdpr',
        })
        .option('format', {
          alias: 'o',
          choices: FORMATS,
          default: 'text' as const,
          describe: 'Output format (md: a pull request comment)',
        })
        .option('output', { alias: 'file', type: 'string', describe: 'Write to this file instead of stdout' })
        .option('fail-on', {
          choices: [...SEVERITY_ORDER],
          describe: 'Exit 1 when an opened finding is at or above this severity',
        })
        .example('$0 impact --base old/ --head new/', 'between two folders of manifests')
        .example(
          '$0 impact --base origin/main --head HEAD --git-path "k8s/**" --snapshot snap.json -o md --fail-on high',
          'a pull request comment and gate',
        ) as unknown as Argv<ImpactArgs>,
    handler: async (argv) => {
      const frameworks = argv.frameworks
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      const bad = frameworks.filter((f) => !(FRAMEWORKS as readonly string[]).includes(f));
      if (bad.length)
        throw new AppError('USAGE', `--frameworks: unknown ${bad.join(', ')} (use ${FRAMEWORKS.join(', ')})`);
      const impact = await runImpact(
        {
          base: argv.base,
          head: argv.head,
          ...(argv['git-path']?.length ? { git: { repo: argv['git-repo'], paths: argv['git-path'] } } : {}),
          ...(argv.snapshot ? { snapshot: argv.snapshot } : {}),
          ...(argv.inventory ? { inventory: argv.inventory } : {}),
          ...(argv.exceptions ? { exceptions: argv.exceptions } : {}),
          frameworks: frameworks as Framework[],
          ...(argv['fail-on'] ? { failOn: argv['fail-on'] } : {}),
        },
        ctx,
      );
      const text =
        argv.format === 'md'
          ? formatImpactMarkdown(impact)
          : argv.format === 'json'
            ? formatImpactJson(impact)
            : formatImpactText(impact);
      if (argv.output) {
        await writeFileAtomically(argv.output, text);
        ctx.out(path.resolve(ctx.cwd, argv.output));
      } else ctx.out(text.replace(/\n$/, ''));
      ctx.log.info('impact', { ...impact.diff.counts, failing: impact.gate?.failing.length ?? 0 });
      if ((impact.gate?.failing.length ?? 0) > 0) setExit(1);
    },
  };
}
