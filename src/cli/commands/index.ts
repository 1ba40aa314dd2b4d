// Every subcommand, in the order --help lists them.
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { connlistCommand } from './connlist.js';
import { demoCommand } from './demo.js';
import { diffCommand } from './diff.js';
import { impactCommand } from './impact.js';
import { keysCommand } from './keys.js';
import { lintCommand } from './lint.js';
import { periodCommand } from './period.js';
import { probeCommand } from './probe.js';
import { reportCommand } from './report.js';
import { snapshotCommand } from './snapshot.js';
import { verifyCommand } from './verify.js';

export type SetExit = (code: number) => void;

export function commandModules(ctx: CliContext, setExit: SetExit): CommandModule<object, never>[] {
  return [
    reportCommand(ctx, setExit),
    snapshotCommand(ctx),
    connlistCommand(ctx),
    verifyCommand(ctx),
    keysCommand(ctx),
    diffCommand(ctx),
    periodCommand(ctx, setExit),
    demoCommand(ctx),
    lintCommand(ctx, setExit),
    impactCommand(ctx, setExit),
    probeCommand(ctx),
  ] as unknown as CommandModule<object, never>[];
}
