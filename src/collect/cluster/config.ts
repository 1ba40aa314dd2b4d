// Which cluster to talk to and as whom: --kubeconfig/--context, else KUBECONFIG or ~/.kube/config, else in-cluster.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../model/errors.js';
import { redactUrl } from '../../model/repo-url.js';

/** Where the service account's token and CA are mounted in every pod (kubernetes.io/serviceaccount). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ConfigRequest {
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Environment to read KUBECONFIG, HOME and KUBERNETES_SERVICE_HOST/PORT from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Prefix for the service-account folder (tests mount it in a temp folder). */
  readonly rootPrefix?: string;
}

export interface ResolvedConfig {
  readonly kc: KubeConfig;
  /** Server URL without a trailing slash and without userinfo: what logs, errors and evidence show. */
  readonly server: string;
  /** Server URL as connected to (a kubeconfig may put user:password@ in it; never shown). */
  readonly url: string;
  /** The kubeconfig context; absent in-cluster. */
  readonly context?: string;
  readonly inCluster: boolean;
}

/** `from` says where the file was named ("--kubeconfig", "KUBECONFIG", "default") for the error message. */
function loadFile(kc: KubeConfig, file: string, from: string): void {
  const where = from === 'default' ? file : `${from} ${file}`;
  if (!existsSync(file)) throw new AppError('INPUT', `${where}: kubeconfig file not found`);
  try {
    kc.loadFromFile(file);
  } catch (e) {
    throw new AppError('INPUT', `${where}: not a valid kubeconfig: ${(e as Error).message}`, { cause: e });
  }
}

/** KUBECONFIG merging as kubectl does it: the first file to set a name (or the current context) wins. */
function mergeFirstWins(kc: KubeConfig, more: KubeConfig): void {
  const has = (list: readonly { name: string }[], name: string): boolean => list.some((x) => x.name === name);
  for (const c of more.getClusters()) if (!has(kc.getClusters(), c.name)) kc.addCluster(c);
  for (const u of more.getUsers()) if (!has(kc.getUsers(), u.name)) kc.addUser(u);
  for (const c of more.getContexts()) if (!has(kc.getContexts(), c.name)) kc.addContext(c);
  if (!kc.getCurrentContext() && more.getCurrentContext()) kc.setCurrentContext(more.getCurrentContext());
}

function inClusterAvailable(req: ConfigRequest): boolean {
  const token = `${req.rootPrefix ?? ''}${SERVICE_ACCOUNT_DIR}/token`;
  return (
    Boolean(req.env.KUBERNETES_SERVICE_HOST) && Boolean(req.env.KUBERNETES_SERVICE_PORT) && existsSync(token)
  );
}

function loadInCluster(kc: KubeConfig, req: ConfigRequest): void {
  // client-node reads the host and port from process.env; a caller-supplied env must agree with it.
  const saved = [process.env.KUBERNETES_SERVICE_HOST, process.env.KUBERNETES_SERVICE_PORT];
  process.env.KUBERNETES_SERVICE_HOST = req.env.KUBERNETES_SERVICE_HOST;
  process.env.KUBERNETES_SERVICE_PORT = req.env.KUBERNETES_SERVICE_PORT;
  try {
    kc.loadFromCluster(req.rootPrefix ?? '');
  } finally {
    restoreEnv('KUBERNETES_SERVICE_HOST', saved[0]);
    restoreEnv('KUBERNETES_SERVICE_PORT', saved[1]);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Picks the config the way kubectl does, plus the in-cluster service account a CronJob runs with. */
export function resolveConfig(req: ConfigRequest): ResolvedConfig {
  const kc = new KubeConfig();
  let inCluster = false;
  if (req.kubeconfig) {
    loadFile(kc, req.kubeconfig, '--kubeconfig');
  } else if (req.env.KUBECONFIG) {
    const files = req.env.KUBECONFIG.split(path.delimiter).filter((f) => f !== '' && existsSync(f));
    if (files.length === 0) throw new AppError('INPUT', `KUBECONFIG=${req.env.KUBECONFIG}: no such file`);
    const [first, ...rest] = files as [string, ...string[]];
    loadFile(kc, first, 'KUBECONFIG');
    for (const f of rest) {
      const more = new KubeConfig();
      loadFile(more, f, 'KUBECONFIG');
      mergeFirstWins(kc, more);
    }
  } else if (req.env.HOME && existsSync(path.join(req.env.HOME, '.kube', 'config'))) {
    loadFile(kc, path.join(req.env.HOME, '.kube', 'config'), 'default');
  } else if (inClusterAvailable(req)) {
    loadInCluster(kc, req);
    inCluster = true;
  } else {
    const home = req.env.HOME ?? os.homedir();
    throw new AppError(
      'CLUSTER_ACCESS',
      `no cluster configured: give --kubeconfig FILE, set KUBECONFIG, create ${path.join(home, '.kube', 'config')}, ` +
        `or run in a pod with a service account token at ${SERVICE_ACCOUNT_DIR}`,
    );
  }
  if (req.context) {
    if (!kc.getContextObject(req.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new AppError(
        'USAGE',
        `--context ${req.context}: no such context in the kubeconfig (contexts: ${known.join(', ') || 'none'})`,
      );
    }
    kc.setCurrentContext(req.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) {
    const ctx = kc.getCurrentContext();
    throw new AppError(
      'INPUT',
      ctx
        ? `kubeconfig context "${ctx}" names no cluster with a server URL`
        : 'the kubeconfig sets no current context',
    );
  }
  const context = inCluster ? undefined : kc.getCurrentContext();
  const url = cluster.server.replace(/\/+$/, '');
  return { kc, server: redactUrl(url), url, ...(context ? { context } : {}), inCluster };
}
