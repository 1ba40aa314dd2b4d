// The logging seam: the CLI decides how events are shown (JSON lines off a TTY, text on a TTY).

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A passing status of a long phase ("pods: 12,500 read"): one overwritten line on a TTY, nothing elsewhere. */
  progress?(phase: string, status: string): void;
}

/** A logger that drops everything (tests and pure callers). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
