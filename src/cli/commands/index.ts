// Every subcommand, in the order --help lists them.
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { snapshotCommand } from './snapshot.js';

export type SetExit = (code: number) => void;

export function commandModules(ctx: CliContext, _setExit: SetExit): CommandModule<object, never>[] {
  return [snapshotCommand(ctx)] as unknown as CommandModule<object, never>[];
}
