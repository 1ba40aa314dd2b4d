// `connlist`: who can reach whom, in netpol-analyzer's connectivity-list formats (txt, json, csv, md, dot).
import type { Argv, CommandModule } from 'yargs';
import { analyzeReachability } from '../../analyze/reachability/index.js';
import type { Snapshot } from '../../model/snapshot.js';
import { CONNLIST_FORMATS, formatConnlist, type ConnlistFormat } from '../../render/connlist/index.js';
import type { CliContext } from '../context.js';
import { outputOptions, resolveOutput, type OutputFlags } from '../output-flags.js';
import { sourceOptions, type SourceFlags } from '../options.js';
import { loadSnapshotSource } from '../source.js';
import { writeFileAtomically } from '../../store/write-file-atomically.js';

interface ConnlistArgs extends SourceFlags, OutputFlags {}

/** The command's result text for a snapshot: analysis, then one pure formatter. */
export function renderConnlist(snapshot: Snapshot, format: ConnlistFormat): string {
  return formatConnlist(analyzeReachability(snapshot), format);
}

export function connlistCommand(ctx: CliContext): CommandModule<object, ConnlistArgs> {
  return {
    command: 'connlist',
    describe: 'List the allowed connections between workloads and outside IP blocks',
    builder: (y: Argv) =>
      outputOptions(sourceOptions(y), CONNLIST_FORMATS, 'txt')
        .example('$0 connlist --manifests examples/demo/cluster', 'list connections of a manifest folder')
        .example(
          '$0 connlist --snapshot snap.json -o dot --file conns.dot',
          'a Graphviz graph of a snapshot',
        ) as unknown as Argv<ConnlistArgs>,
    handler: async (argv) => {
      const { format, file } = resolveOutput(argv, CONNLIST_FORMATS, 'txt', ctx.log);
      const snapshot = await loadSnapshotSource(argv, ctx);
      const text = renderConnlist(snapshot, format as ConnlistFormat);
      if (file) {
        await writeFileAtomically(file, text);
        ctx.log.info('connlist written', { file, format });
      } else if (text.length > 0) ctx.out(text.replace(/\n$/, ''));
    },
  };
}
