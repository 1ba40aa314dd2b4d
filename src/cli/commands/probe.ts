// `probe plan` and `probe run`: active connection probes from real pods (opt-in; see docs/probes.md).
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_MAX_PROBES } from '../../analyze/probes/plan.js';
import { AppError } from '../../model/errors.js';
import { DEFAULT_PROBE_COMMAND, DEFAULT_PROBE_IMAGE } from '../../collect/probes/run.js';
import { formatProbeJson, makeProbePlan } from '../../run/probe-plan.js';
import { runProbePlan } from '../../run/probe-run.js';
import { writeFileAtomically } from '../../store/write-file-atomically.js';
import type { CliContext } from '../context.js';
import { sourceOptions, type SourceFlags } from '../options.js';
import { assertOneSource } from '../source.js';

interface PlanArgs extends SourceFlags {
  'max-probes': number;
  output?: string;
}

interface RunArgs extends PlanArgs {
  plan?: string;
  image: string;
  'probe-command': string;
  'connect-timeout': number;
  parallel: number;
  'probe-timeout': string;
  'time-box': string;
  'poll-interval': string;
}

/** A duration such as 500ms, 5s, 2m or 1h, in milliseconds. */
export function durationMs(flag: string, v: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(v.trim());
  const n = m
    ? Number(m[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
    : 0;
  if (!n) throw new AppError('USAGE', `--${flag}: "${v}" is not a duration (e.g. 500ms, 30s, 2m)`);
  return n;
}

function positive(flag: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new AppError('USAGE', `--${flag} must be a positive whole number, not ${String(v)}`);
  return v;
}

/** --max-probes: a positive whole number. */
export function maxProbesOf(v: number): number {
  return positive('max-probes', v);
}

async function writeOrPrint(ctx: CliContext, file: string | undefined, text: string): Promise<void> {
  if (file) {
    await writeFileAtomically(file, text);
    ctx.out(path.resolve(ctx.cwd, file));
  } else ctx.out(text.replace(/\n$/, ''));
}

export function planOptions<T>(y: Argv<T>): Argv<T & PlanArgs> {
  return sourceOptions(y).option('max-probes', {
    type: 'number',
    default: DEFAULT_MAX_PROBES,
    describe: 'At most this many probes in the plan',
    group: 'Probes:',
  }) as unknown as Argv<T & PlanArgs>;
}

function planCommand(ctx: CliContext): CommandModule<object, PlanArgs> {
  return {
    command: 'plan',
    describe:
      'Derive a probe plan (JSON) from the analysis: connections expected to succeed and to be denied',
    builder: (y: Argv) =>
      planOptions(y)
        .option('output', {
          type: 'string',
          describe: 'Plan file to write (default: stdout)',
          group: 'Probes:',
        })
        .example(
          '$0 probe plan --kubeconfig ~/.kube/config --output plan.json',
          'plan probes for a live cluster',
        )
        .example(
          '$0 probe plan --snapshot prod.json --max-probes 20',
          'plan from a saved snapshot',
        ) as unknown as Argv<PlanArgs>,
    handler: async (argv) => {
      assertOneSource(argv, ctx.env);
      const max = maxProbesOf(argv['max-probes']);
      const plan = await makeProbePlan(argv, max, ctx);
      await writeOrPrint(ctx, argv.output, formatProbeJson(plan));
    },
  };
}

function runCommand(ctx: CliContext): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe:
      'Run a probe plan in the cluster: an ephemeral container per probe in its source pod (needs deploy/rbac/prober)',
    builder: (y: Argv) =>
      planOptions(y)
        .option('plan', {
          type: 'string',
          describe: 'Plan file from `probe plan` (default: plan from the live cluster now)',
          group: 'Probes:',
        })
        .option('image', {
          type: 'string',
          default: DEFAULT_PROBE_IMAGE,
          describe: 'Image of the probe container (must provide the agnhost connect contract)',
          group: 'Probes:',
        })
        .option('probe-command', {
          type: 'string',
          default: DEFAULT_PROBE_COMMAND.join(' '),
          describe: 'Program and subcommand; IP:PORT --timeout=Ns --protocol=tcp|udp|sctp follow',
          group: 'Probes:',
        })
        .option('connect-timeout', {
          type: 'number',
          default: 5,
          describe: 'Seconds one connection attempt may take (agnhost connect --timeout)',
          group: 'Probes:',
        })
        .option('parallel', {
          type: 'number',
          default: 4,
          describe: 'At most this many probes at once',
          group: 'Probes:',
        })
        .option('probe-timeout', {
          type: 'string',
          default: '2m',
          describe: 'Time box of one probe, image pull included',
          group: 'Probes:',
        })
        .option('time-box', {
          type: 'string',
          default: '10m',
          describe: 'Time box of the whole run; probes not started by then are errors',
          group: 'Probes:',
        })
        .option('poll-interval', {
          type: 'string',
          default: '1s',
          describe: "How often the pod's status is read while a probe runs",
          group: 'Probes:',
        })
        .option('output', {
          type: 'string',
          describe: 'Results file to write (default: stdout); give it to `report --probes`',
          group: 'Probes:',
        })
        .example(
          '$0 probe run --plan plan.json --kubeconfig ~/.kube/config --output probes.json',
          'run a reviewed plan',
        )
        .example(
          '$0 probe run --cluster --max-probes 20 --parallel 2 --output probes.json',
          'plan and run in one',
        ) as unknown as Argv<RunArgs>,
    handler: async (argv) => {
      if (argv.plan && (argv.manifests?.length || argv.snapshot))
        throw new AppError(
          'USAGE',
          '--plan runs against a live cluster: give --kubeconfig/--context/--cluster, not --manifests or --snapshot',
        );
      if (!argv.plan) {
        assertOneSource(argv, ctx.env);
        if (argv.manifests?.length || argv.snapshot)
          throw new AppError(
            'USAGE',
            'probe run plans from the live cluster it probes: give --kubeconfig/--context/--cluster, or a --plan file made from a snapshot',
          );
      }
      const command = argv['probe-command'].split(/\s+/).filter(Boolean);
      if (command.length === 0) throw new AppError('USAGE', '--probe-command must name a program');
      const results = await runProbePlan(
        {
          ...(argv.plan ? { planFile: argv.plan } : {}),
          source: {
            ...(argv.kubeconfig ? { kubeconfig: argv.kubeconfig } : {}),
            ...(argv.context ? { context: argv.context } : {}),
            ...(argv.cluster ? { cluster: true } : {}),
            ...(argv['source-name'] ? { sourceName: argv['source-name'] } : {}),
          },
          maxProbes: maxProbesOf(argv['max-probes']),
          run: {
            image: argv.image,
            command,
            connectTimeoutSeconds: positive('connect-timeout', argv['connect-timeout']),
            parallel: positive('parallel', argv.parallel),
            probeTimeoutMs: durationMs('probe-timeout', argv['probe-timeout']),
            totalTimeoutMs: durationMs('time-box', argv['time-box']),
            pollMs: durationMs('poll-interval', argv['poll-interval']),
          },
        },
        ctx,
      );
      await writeOrPrint(ctx, argv.output, formatProbeJson(results));
    },
  };
}

/** `probe` groups the opt-in active probes. */
export function probeCommand(ctx: CliContext): CommandModule<object, object> {
  return {
    command: 'probe <command>',
    describe: 'Active probes from real pods (opt-in, needs the prober RBAC): plan, run',
    builder: (y: Argv) =>
      y
        .command(planCommand(ctx) as never)
        .command(runCommand(ctx) as never)
        .demandCommand(1, 'Choose a probe command: plan, run'),
    handler: () => undefined,
  };
}
