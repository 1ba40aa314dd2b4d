// One name for one thing in every command: -o/--output-format is the format, --output/--file the file.
// The old spellings (`diff --output json`, `snapshot -o FILE`) still work for one release, with a warning.
import type { Argv } from 'yargs';
import { AppError } from '../model/errors.js';
import type { Logger } from '../model/log.js';

export interface OutputFlags {
  'output-format'?: string;
  file?: string;
}

export function outputOptions<T>(
  y: Argv<T>,
  formats: readonly string[],
  defaultFormat: string,
  fileDescribe = 'Write to this file instead of stdout',
): Argv<T & OutputFlags> {
  return y
    .option('output-format', {
      alias: 'o',
      type: 'string',
      describe: `Output format: ${formats.join(', ')} (default ${defaultFormat})`,
    })
    .option('file', { alias: 'output', type: 'string', describe: fileDescribe }) as unknown as Argv<
    T & OutputFlags
  >;
}

/** The format and file a command writes, defaults applied, old spellings mapped (and warned about). */
export function resolveOutput(
  a: OutputFlags,
  formats: readonly string[],
  defaultFormat: string,
  log: Logger,
): { format: string; file?: string } {
  let format = a['output-format'];
  let file = a.file;
  if (format === undefined && file !== undefined && formats.includes(file)) {
    log.warn(
      `--output ${file} names a format: use -o ${file} (--output is the file now; the old spelling goes next release)`,
    );
    [format, file] = [file, undefined];
  } else if (format !== undefined && !formats.includes(format) && file === undefined && /[./]/.test(format)) {
    log.warn(
      `-o ${format} names a file: use --output ${format} (-o is the format now; the old spelling goes next release)`,
    );
    [format, file] = [undefined, format];
  }
  format ??= defaultFormat;
  if (!formats.includes(format))
    throw new AppError(
      'USAGE',
      `-o/--output-format: unknown format "${format}" (choose from ${formats.join(', ')})`,
    );
  return { format, ...(file !== undefined ? { file } : {}) };
}
