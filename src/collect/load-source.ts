// Resolves where the snapshot comes from: --manifests DIR..., --snapshot FILE, or a live cluster.
import { loadManifests } from './manifests/load-manifests.js';
import { readSnapshotFile } from './snapshot-file.js';
import { AppError, namingFlag } from '../model/errors.js';
import type { Logger } from '../model/log.js';
import type { Snapshot } from '../model/snapshot.js';

export interface SourceArgs {
  readonly manifests?: readonly string[];
  readonly snapshot?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Use the live cluster from the default kubeconfig or the in-cluster service account. */
  readonly cluster?: boolean;
  readonly sourceName?: string;
}

/** Fails (exit 2) on no source or two sources; the CLI calls it before anything else a run needs. */
export function assertOneSource(argv: SourceArgs, env: NodeJS.ProcessEnv = process.env): void {
  const chosen = [
    argv.manifests?.length ? '--manifests' : '',
    argv.snapshot ? '--snapshot' : '',
    argv.kubeconfig || argv.context || argv.cluster ? '--kubeconfig/--context/--cluster' : '',
  ].filter(Boolean);
  if (chosen.length > 1) throw new AppError('USAGE', `choose one source, not ${chosen.join(' and ')}`);
  // A live cluster is read only when asked for, or when running in a pod (the CronJob's in-cluster config).
  if (chosen.length === 0 && !env.KUBERNETES_SERVICE_HOST)
    throw new AppError(
      'USAGE',
      'give a source: --manifests DIR, --snapshot FILE, --kubeconfig FILE [--context NAME], or --cluster for the default kubeconfig',
    );
}

export async function loadSnapshotSource(
  argv: SourceArgs,
  ctx: { now: () => Date; log: Logger; env?: NodeJS.ProcessEnv },
): Promise<Snapshot> {
  assertOneSource(argv, ctx.env ?? process.env);
  if (argv.snapshot) {
    ctx.log.info('reading snapshot', { file: argv.snapshot });
    const file = argv.snapshot;
    return renamed(await namingFlag('--snapshot', () => readSnapshotFile(file)), argv.sourceName);
  }
  if (argv.manifests?.length) {
    ctx.log.info('reading manifests', { paths: argv.manifests.join(',') });
    const paths = argv.manifests;
    const s = await namingFlag('--manifests', () =>
      loadManifests({ paths, now: ctx.now, ...(argv.sourceName ? { name: argv.sourceName } : {}) }),
    );
    for (const w of s.warnings) ctx.log.warn('manifest warning', { where: w.where, message: w.message });
    return s;
  }
  // The live-cluster collector is loaded lazily: @kubernetes/client-node is large and offline runs do not need it.
  const { collectClusterSnapshot } = await import('./cluster/index.js');
  ctx.log.info('reading the live cluster', {
    kubeconfig: argv.kubeconfig ?? '(default or in-cluster)',
    context: argv.context,
  });
  const snapshot = await collectClusterSnapshot({
    ...(argv.kubeconfig ? { kubeconfig: argv.kubeconfig } : {}),
    ...(argv.context ? { context: argv.context } : {}),
    now: ctx.now,
    log: ctx.log,
    ...(ctx.env ? { env: ctx.env } : {}),
  });
  return renamed(snapshot, argv.sourceName);
}

/** --source-name names the cluster in reports and bundle folders, whatever the source. */
function renamed(s: Snapshot, name: string | undefined): Snapshot {
  return name ? { ...s, source: { ...s.source, name } } : s;
}
