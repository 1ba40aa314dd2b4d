// Logs go to stderr: one JSON object per line when not on a TTY (CronJob, CI), readable text on a TTY.
import type { LogFields, Logger } from '../model/log.js';

export interface LogStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export function createLogger(
  stream: LogStream,
  opts: { json?: boolean; quiet?: boolean; now?: () => Date } = {},
): Logger {
  const json = opts.json ?? !stream.isTTY;
  const stamp = opts.now ?? (() => new Date());
  let statusShown = false;
  const clearStatus = (): void => {
    if (statusShown) stream.write('\r\x1b[K');
    statusShown = false;
  };
  const emit = (level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}): void => {
    if (opts.quiet && level === 'info') return;
    clearStatus();
    if (json) {
      stream.write(`${JSON.stringify({ time: stamp().toISOString(), level, event, ...fields })}\n`);
      return;
    }
    const extra = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    const tag = level === 'info' ? '' : `${level.toUpperCase()}: `;
    stream.write(`${tag}${event}${extra ? ` (${extra})` : ''}\n`);
  };
  return {
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    // Progress is for people watching a terminal; JSON logs already carry one event per phase.
    progress: (phase, status) => {
      if (json || opts.quiet) return;
      stream.write(`\r\x1b[K${phase}: ${status}`);
      statusShown = true;
    },
  };
}
