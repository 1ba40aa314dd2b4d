// The prober's Kubernetes calls through client-node's CoreV1Api: PATCH pods/ephemeralcontainers (strategic
// merge, as `kubectl debug` does), GET the pod for the container's status, GET pods/log.
import {
  ApiException,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1ContainerStatus,
} from '@kubernetes/client-node';
import { AppError } from '../../model/errors.js';
import { redactSecrets } from '../../model/repo-url.js';
import {
  ProbeStepError,
  type ContainerState,
  type EphemeralContainerSpec,
  type ProbeCluster,
} from '../probes/types.js';
import { resolveConfig } from './config.js';
import { networkError, TimeoutError } from './errors.js';

/** The opt-in role that grants these calls (never the collector's read-only role). */
export const PROBER_ROLE_FILE = 'deploy/rbac/prober/clusterrole.yaml';

export interface ProbeApiOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly requestTimeoutMs?: number;
}

/** Which permission a call needs, for the 403 message. */
interface Call {
  readonly verb: string;
  readonly resource: string;
  readonly namespace: string;
  readonly pod: string;
}

function messageOf(body: unknown): string | undefined {
  let b: unknown = body;
  if (typeof body === 'string') {
    try {
      b = JSON.parse(body) as unknown;
    } catch {
      return body.trim() || undefined;
    }
  }
  const m = (b as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' ? redactSecrets(m) : undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

class ClientNodeProbeCluster implements ProbeCluster {
  constructor(
    readonly server: string,
    private readonly api: CoreV1Api,
    private readonly timeoutMs: number,
  ) {}

  private async call<T>(c: Call, run: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(run(), this.timeoutMs);
    } catch (e) {
      throw this.failure(c, e);
    }
  }

  private failure(c: Call, e: unknown): Error {
    if (!(e instanceof ApiException))
      return networkError(this.server, e, `/api/v1/namespaces/${c.namespace}/pods/${c.pod}`);
    const code = (e as ApiException<unknown>).code;
    const said = messageOf((e as ApiException<unknown>).body);
    const where = `pod ${c.namespace}/${c.pod}`;
    if (code === 401)
      return new AppError(
        'CLUSTER_ACCESS',
        `authentication failed for ${this.server} (HTTP 401 on ${c.verb} ${c.resource} of ${where})`,
      );
    // Pod Security admission answers 403 too; that refuses this pod's namespace, not the prober's identity.
    if (code === 403 && said && /violates PodSecurity/i.test(said))
      return new ProbeStepError(
        'api',
        `${c.verb} ${c.resource} of ${where} refused by Pod Security admission: ${said}`,
      );
    if (code === 403)
      return new AppError(
        'CLUSTER_ACCESS',
        `forbidden on ${this.server}: cannot ${c.verb} resource "${c.resource}" in namespace "${c.namespace}" ` +
          `(HTTP 403${said ? `: ${said}` : ''}); probes need the opt-in ClusterRole in ${PROBER_ROLE_FILE} ` +
          `(pods/ephemeralcontainers patch, pods/log get, pods get)`,
      );
    if (code === 404)
      return new ProbeStepError('pod-gone', `${where} is gone (HTTP 404${said ? `: ${said}` : ''})`);
    return new ProbeStepError(
      'api',
      `${c.verb} ${c.resource} of ${where} failed with HTTP ${code}${said ? `: ${said}` : ''}`,
    );
  }

  async addEphemeralContainer(namespace: string, pod: string, c: EphemeralContainerSpec): Promise<void> {
    const body = {
      spec: {
        ephemeralContainers: [
          {
            name: c.name,
            image: c.image,
            command: [...c.command],
            args: [...c.args],
            imagePullPolicy: 'IfNotPresent',
            stdin: false,
            tty: false,
            terminationMessagePolicy: 'FallbackToLogsOnError',
            // What the `restricted` Pod Security profile asks of every container; a connect needs no privilege.
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 65534,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' },
            },
          },
        ],
      },
    };
    await this.call({ verb: 'patch', resource: 'pods/ephemeralcontainers', namespace, pod }, () =>
      this.api.patchNamespacedPodEphemeralcontainers(
        { name: pod, namespace, body },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      ),
    );
  }

  async containerState(namespace: string, pod: string, container: string): Promise<ContainerState> {
    const p = await this.call({ verb: 'get', resource: 'pods', namespace, pod }, () =>
      this.api.readNamespacedPod({ name: pod, namespace }),
    );
    const s: V1ContainerStatus | undefined = p.status?.ephemeralContainerStatuses?.find(
      (x) => x.name === container,
    );
    if (!s?.state) return { kind: 'absent' };
    if (s.state.terminated)
      return {
        kind: 'terminated',
        exitCode: s.state.terminated.exitCode,
        ...(s.state.terminated.reason ? { reason: s.state.terminated.reason } : {}),
      };
    if (s.state.running) return { kind: 'running' };
    const w = s.state.waiting;
    return { kind: 'waiting', reason: w?.reason ?? 'Waiting', ...(w?.message ? { message: w.message } : {}) };
  }

  async readLog(namespace: string, pod: string, container: string): Promise<string> {
    return this.call({ verb: 'get', resource: 'pods/log', namespace, pod }, () =>
      this.api.readNamespacedPodLog({ name: pod, namespace, container, limitBytes: 4096 }),
    );
  }
}

/** Connects with the same kubeconfig rules as the collector (--kubeconfig, KUBECONFIG, ~/.kube, in-cluster). */
export function probeCluster(o: ProbeApiOptions): ProbeCluster {
  const cfg = resolveConfig({
    ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
    ...(o.context ? { context: o.context } : {}),
    env: o.env,
  });
  return new ClientNodeProbeCluster(
    cfg.server,
    cfg.kc.makeApiClient(CoreV1Api),
    o.requestTimeoutMs ?? 30_000,
  );
}
