// Live cluster source: reads the Kubernetes API (paged, retried) into the same Snapshot the manifest source makes.
import { AppError } from '../../model/errors.js';
import type { Logger } from '../../model/log.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../model/snapshot.js';
import { selfIdentity } from './identity.js';
import { isRecord } from '../objects/raw.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { resolveConfig } from './config.js';
import { discoverOptional } from './discovery.js';
import { statusError } from './errors.js';
import { ApiClient } from './http.js';
import { listAll, mergeInto } from './list.js';
import { REQUIRED_RESOURCES, resourceKey } from './resources.js';
import { sortedSnapshotParts } from './sort.js';

export interface ClusterOptions {
  /** Kubeconfig file; else KUBECONFIG, ~/.kube/config, then the in-cluster service account. */
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Objects per list page (`limit`); 500 like kubectl. */
  readonly pageSize?: number;
  readonly requestTimeoutMs?: number;
  /** Retries of one request after 429, 5xx or a dropped connection. */
  readonly maxRetries?: number;
  readonly now: () => Date;
  readonly log: Logger;
  /** Waits between retries (tests pass a recorder that does not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Environment for KUBECONFIG/HOME/KUBERNETES_SERVICE_*; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Prefix of /var/run/secrets/kubernetes.io/serviceaccount (tests mount a fake pod's files). */
  readonly serviceAccountPrefix?: string;
}

const DEFAULTS = { pageSize: 500, requestTimeoutMs: 60_000, maxRetries: 5 };

async function serverVersion(api: ApiClient): Promise<string | undefined> {
  const res = await api.get('/version');
  if (res.status !== 200) throw statusError(api.server, '/version', res, { verb: 'get' });
  return isRecord(res.body) && typeof res.body.gitVersion === 'string' ? res.body.gitVersion : undefined;
}

/**
 * Reads the cluster into a Snapshot. Any failure throws (AppError CLUSTER_ACCESS, exit code 3) and returns
 * nothing, so callers never write a partial snapshot.
 */
export async function collectClusterSnapshot(options: ClusterOptions): Promise<Snapshot> {
  const { log } = options;
  const pageSize = options.pageSize ?? DEFAULTS.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new AppError('USAGE', `page size must be a positive integer, not ${pageSize}`);
  const startedAt = options.now().toISOString();
  const cfg = resolveConfig({
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
    env: options.env ?? process.env,
    ...(options.serviceAccountPrefix ? { rootPrefix: options.serviceAccountPrefix } : {}),
  });
  const api = new ApiClient({
    kc: cfg.kc,
    server: cfg.server,
    url: cfg.url,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
    sleep: options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
    log,
  });
  log.info('cluster collection started', {
    server: cfg.server,
    context: cfg.context,
    inCluster: cfg.inCluster,
  });
  const version = await serverVersion(api);
  const authenticatedAs = await selfIdentity(api);
  const optional = await discoverOptional(api, log);
  const b = new SnapshotBuilder();
  for (const note of optional.notes) b.warn(note.where, note.message);
  const resourceVersions: Record<string, string> = {};
  for (const type of [...REQUIRED_RESOURCES, ...optional.types]) {
    const { part, resourceVersion, pages } = await listAll(api, type, pageSize, log);
    mergeInto(b, part);
    resourceVersions[resourceKey(type)] = resourceVersion;
    log.info('cluster list read', {
      resource: resourceKey(type),
      objects: countOf(part),
      pages,
      resourceVersion,
    });
  }
  const kubeSystemUid = b.namespaces.get('kube-system')?.uid;
  const host = new URL(cfg.server).host;
  const absent = [...optional.absent].sort();
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: {
      type: 'cluster',
      name: cfg.context ?? host,
      cluster: {
        server: cfg.server,
        ...(cfg.context ? { context: cfg.context } : {}),
        ...(kubeSystemUid ? { kubeSystemUid } : {}),
        ...(version ? { serverVersion: version } : {}),
        authenticatedAs,
      },
    },
    collection: {
      startedAt,
      finishedAt: options.now().toISOString(),
      counts: sortKeys(b.counts),
      skipped: sortKeys(b.skipped),
      resourceVersions: sortKeys(resourceVersions),
      absentApiGroups: absent,
    },
    ...sortedSnapshotParts(b),
  };
}

function countOf(b: SnapshotBuilder): number {
  return Object.values(b.counts).reduce((a, n) => a + n, 0);
}

function sortKeys<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
