// The logging seam: the CLI decides how events are shown (JSON lines off a TTY, text on a TTY).

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** A logger that drops everything (tests and pure callers). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
