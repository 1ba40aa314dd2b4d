// Resolves where the snapshot comes from: --manifests DIR..., --snapshot FILE, or a live cluster.
import { loadManifests } from './manifests/load-manifests.js';
import { readSnapshotFile } from './snapshot-file.js';
import { AppError } from '../model/errors.js';
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

export async function loadSnapshotSource(
  argv: SourceArgs,
  ctx: { now: () => Date; log: Logger; env?: NodeJS.ProcessEnv },
): Promise<Snapshot> {
  const chosen = [
    argv.manifests?.length ? '--manifests' : '',
    argv.snapshot ? '--snapshot' : '',
    argv.kubeconfig || argv.context || argv.cluster ? '--kubeconfig/--context/--cluster' : '',
  ].filter(Boolean);
  if (chosen.length > 1) throw new AppError('USAGE', `choose one source, not ${chosen.join(' and ')}`);
  if (argv.snapshot) {
    ctx.log.info('reading snapshot', { file: argv.snapshot });
    return renamed(await readSnapshotFile(argv.snapshot), argv.sourceName);
  }
  if (argv.manifests?.length) {
    ctx.log.info('reading manifests', { paths: argv.manifests.join(',') });
    const s = await loadManifests({
      paths: argv.manifests,
      now: ctx.now,
      ...(argv.sourceName ? { name: argv.sourceName } : {}),
    });
    for (const w of s.warnings) ctx.log.warn('manifest warning', { where: w.where, message: w.message });
    return s;
  }
  // A live cluster is read only when asked for, or when running in a pod (the CronJob's in-cluster config).
  const inPod = Boolean((ctx.env ?? process.env).KUBERNETES_SERVICE_HOST);
  if (chosen.length === 0 && !inPod)
    throw new AppError(
      'USAGE',
      'give a source: --manifests DIR, --snapshot FILE, --kubeconfig FILE [--context NAME], or --cluster for the default kubeconfig',
    );
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
