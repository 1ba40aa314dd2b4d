// `snapshot`: collect once and save the snapshot, to analyse later or elsewhere with --snapshot FILE.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { serializeSnapshot } from '../../collect/snapshot-file.js';
import { AppError } from '../../model/errors.js';
import type { CliContext } from '../context.js';
import { outputOptions, resolveOutput, type OutputFlags } from '../output-flags.js';
import { sourceOptions, type SourceFlags } from '../options.js';
import { loadSnapshotSource } from '../../collect/load-source.js';
import { writeFileAtomically } from '../../store/write-file-atomically.js';

interface SnapshotArgs extends SourceFlags, OutputFlags {}

export function snapshotCommand(ctx: CliContext): CommandModule<object, SnapshotArgs> {
  return {
    command: 'snapshot',
    describe: 'Collect the cluster (or manifests) and save the snapshot as JSON',
    builder: (y: Argv) =>
      outputOptions(sourceOptions(y), ['json'], 'json', 'Snapshot file to write (required)')
        .example(
          '$0 snapshot --manifests examples/demo/cluster --output snap.json',
          'save a snapshot of manifests',
        )
        .example(
          '$0 snapshot --kubeconfig ~/.kube/config --context prod --output prod.json',
          'save a live cluster',
        ) as unknown as Argv<SnapshotArgs>,
    handler: async (argv) => {
      const { file } = resolveOutput(argv, ['json'], 'json', ctx.log);
      if (!file) throw new AppError('USAGE', 'give the snapshot file to write: --output FILE');
      const snapshot = await loadSnapshotSource(argv, ctx);
      await writeFileAtomically(file, serializeSnapshot(snapshot));
      ctx.log.info('snapshot written', {
        file,
        namespaces: snapshot.namespaces.length,
        pods: snapshot.pods.length,
      });
      ctx.out(path.resolve(ctx.cwd, file));
    },
  };
}
