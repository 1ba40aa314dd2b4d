// `connlist`: who can reach whom, in netpol-analyzer's connectivity-list formats (txt, json, csv, md, dot).
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { analyzeReachability } from '../../analyze/reachability/index.js';
import { AppError } from '../../model/errors.js';
import type { Snapshot } from '../../model/snapshot.js';
import { CONNLIST_FORMATS, formatConnlist, type ConnlistFormat } from '../../render/connlist/index.js';
import type { CliContext } from '../context.js';
import { sourceOptions, type SourceFlags } from '../options.js';
import { loadSnapshotSource } from '../source.js';

interface ConnlistArgs extends SourceFlags {
  'output-format': ConnlistFormat;
  file?: string;
}

/** The command's result text for a snapshot: analysis, then one pure formatter. */
export function renderConnlist(snapshot: Snapshot, format: ConnlistFormat): string {
  return formatConnlist(analyzeReachability(snapshot), format);
}

/** Writes beside the target and renames, so a failed run never leaves half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    throw new AppError('STORE', `cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}

export function connlistCommand(ctx: CliContext): CommandModule<object, ConnlistArgs> {
  return {
    command: 'connlist',
    describe: 'List the allowed connections between workloads and outside IP blocks',
    builder: (y: Argv) =>
      sourceOptions(y)
        .option('output-format', {
          alias: 'o',
          choices: CONNLIST_FORMATS,
          default: 'txt' as ConnlistFormat,
          describe: 'Output format (txt is line-for-line netpol-analyzer)',
        })
        .option('file', { type: 'string', describe: 'Write to this file instead of stdout' })
        .example('$0 connlist --manifests examples/demo/cluster', 'list connections of a manifest folder')
        .example(
          '$0 connlist --snapshot snap.json -o dot --file conns.dot',
          'a Graphviz graph of a snapshot',
        ) as unknown as Argv<ConnlistArgs>,
    handler: async (argv) => {
      const snapshot = await loadSnapshotSource(argv, ctx);
      const text = renderConnlist(snapshot, argv['output-format']);
      if (argv.file) {
        await writeAtomically(argv.file, text);
        ctx.log.info('connlist written', { file: argv.file, format: argv['output-format'] });
      } else if (text.length > 0) ctx.out(text.replace(/\n$/, ''));
    },
  };
}
