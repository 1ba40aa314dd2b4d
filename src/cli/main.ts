#!/usr/bin/env node
// netpol-evidence command line: argv -> options -> run; AppError -> documented exit code.
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { abortRun } from '../model/abort.js';
import { AppError } from '../model/errors.js';
import { TOOL } from '../version.js';
import { clockFromEnv } from './clock.js';
import type { CliContext } from './context.js';
import { createLogger } from './logger.js';
import { commandModules } from './commands/index.js';
import { withConfigFile } from './config-file.js';
import { unknownOptionMessage } from './did-you-mean.js';

export const EXIT_USAGE = 2;

/** Runs the CLI with `args`; returns the exit code (main() passes it to process.exitCode). */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const log = createLogger(process.stderr, {
    json:
      env.NETPOL_EVIDENCE_LOG_FORMAT === 'json'
        ? true
        : env.NETPOL_EVIDENCE_LOG_FORMAT === 'text'
          ? false
          : undefined,
  });
  let exitCode = 0;
  let ctx: CliContext;
  try {
    ctx = {
      now: clockFromEnv(env),
      log,
      env,
      out: (line) => process.stdout.write(`${line}\n`),
      cwd: process.cwd(),
    };
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  const setExit = (code: number): void => {
    exitCode = code;
  };
  let argsWithConfig: string[];
  try {
    argsWithConfig = await withConfigFile(args);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return e.exitCode;
  }
  let parser: Argv = yargs(argsWithConfig)
    .scriptName('netpol-evidence')
    .usage(
      '$0 <command> [options]\n\nSigned audit evidence from Kubernetes network policies and their Git history.',
    )
    .version(TOOL.version)
    .env(false)
    .strict()
    .exitProcess(false)
    .demandCommand(1, 'Choose a command (see --help).')
    .recommendCommands()
    .wrap(Math.min(120, process.stdout.columns || 100))
    .epilogue(
      'Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 cluster or Git access error, 4 rendering, signing or storage error, 5 verification failed.',
    )
    .fail((msg, err, usage) => {
      // yargs reports its own usage problems (a failed .check in a command) as a YError or a bare string.
      if (err instanceof Error && err.name !== 'YError') throw err;
      // yargs hands its usage object here; its descriptions name every option of the command being parsed.
      const known = (
        usage as unknown as { getDescriptions?: () => Record<string, unknown> }
      ).getDescriptions?.();
      const text = msg || (err instanceof Error ? err.message : String(err));
      throw new AppError('USAGE', unknownOptionMessage(text, Object.keys(known ?? {})));
    });
  for (const m of commandModules(ctx, setExit)) parser = parser.command(m as never);
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`error: ${e.message}\n`);
      if (e.code === 'USAGE') process.stderr.write('Run with --help for usage.\n');
      return e.exitCode;
    }
    process.stderr.write(`error: unexpected failure: ${(e as Error).stack ?? String(e)}\n`);
    return 4;
  }
  return exitCode;
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
const isBin = process.argv[1] !== undefined && /netpol-evidence$/.test(process.argv[1]);
if (isMain || isBin) {
  // A stopped run (SIGTERM from Kubernetes, Ctrl-C) kills its children and removes its temporary clone, staged
  // bundle, lock and Chromium profile before it exits; a second signal stops it at once.
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.once(sig, () => {
      process.stderr.write(`error: stopped by ${sig}; removing temporary files and the unfinished bundle\n`);
      void abortRun(sig).finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  runCli(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${String(e)}\n`);
      process.exitCode = 4;
    },
  );
}
