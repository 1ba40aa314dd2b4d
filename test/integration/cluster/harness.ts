// Starts the loopback API server with a kubeconfig for it, and collects with a recorder instead of real waits.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { collectClusterSnapshot, type ClusterOptions } from '../../../src/collect/cluster/index.js';
import type { LogFields, Logger } from '../../../src/model/log.js';
import type { Snapshot } from '../../../src/model/snapshot.js';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../helpers/api-server/index.js';
import { fixedClock } from '../../helpers/paths.js';

export interface Harness {
  readonly server: ApiServer;
  readonly dir: string;
  readonly kubeconfig: string;
  /** Milliseconds the collector asked to wait between retries. */
  readonly waits: number[];
  readonly logs: { level: string; event: string; fields?: LogFields }[];
  collect(extra?: Partial<ClusterOptions>): Promise<Snapshot>;
  stop(): Promise<void>;
}

export async function startHarness(o: ApiServerOptions): Promise<Harness> {
  const server = await startApiServer(o);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-cluster-'));
  const kubeconfig = await server.kubeconfigPath(dir);
  const waits: number[] = [];
  const logs: Harness['logs'] = [];
  const at =
    (level: string) =>
    (event: string, fields?: LogFields): void => {
      logs.push({ level, event, ...(fields ? { fields } : {}) });
    };
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return {
    server,
    dir,
    kubeconfig,
    waits,
    logs,
    collect: (extra = {}) =>
      collectClusterSnapshot({
        kubeconfig,
        now: fixedClock,
        log,
        env: {},
        sleep: async (ms) => {
          waits.push(ms);
        },
        ...extra,
      }),
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The list requests the server answered for `listPath`, in order. */
export function pagesOf(server: ApiServer, listPath: string): { continue?: string; status: number }[] {
  return server.requests
    .filter((r) => r.path === listPath)
    .map((r) => ({ status: r.status, ...(r.query.continue ? { continue: r.query.continue } : {}) }));
}
