// What every command handler gets from main: the clock, the logger, the environment and stdout.
import type { Logger } from '../model/log.js';

export interface CliContext {
  readonly now: () => Date;
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** Writes one line to stdout (results, never logs). */
  readonly out: (line: string) => void;
  readonly cwd: string;
}
