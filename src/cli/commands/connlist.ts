// `connlist`: who can reach whom, in netpol-analyzer's connectivity-list formats (txt, json, csv, md, dot).
import type { Argv, CommandModule } from 'yargs';
import { analyzeReachability } from '../../analyze/reachability/index.js';
import type { Snapshot } from '../../model/snapshot.js';
import { CONNLIST_FORMATS, formatConnlist, type ConnlistFormat } from '../../render/connlist/index.js';
import type { CliContext } from '../context.js';
import { sourceOptions, type SourceFlags } from '../options.js';
import { loadSnapshotSource } from '../source.js';
import { writeFileAtomically } from '../../store/write-file-atomically.js';

interface ConnlistArgs extends SourceFlags {
  'output-format': ConnlistFormat;
  file?: string;
}

/** The command's result text for a snapshot: analysis, then one pure formatter. */
export function renderConnlist(snapshot: Snapshot, format: ConnlistFormat): string {
  return formatConnlist(analyzeReachability(snapshot), format);
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
        await writeFileAtomically(argv.file, text);
        ctx.log.info('connlist written', { file: argv.file, format: argv['output-format'] });
      } else if (text.length > 0) ctx.out(text.replace(/\n$/, ''));
    },
  };
}
