// The seam between the probe runner and the Kubernetes API (implemented in src/collect/cluster/probe-api.ts).

/** An ephemeral container as the runner asks for it (core/v1 EphemeralContainer, the fields we set). */
export interface EphemeralContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
}

/** The container's state as the pod's status.ephemeralContainerStatuses reports it. */
export type ContainerState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'waiting'; readonly reason: string; readonly message?: string }
  | { readonly kind: 'running' }
  | { readonly kind: 'terminated'; readonly exitCode: number; readonly reason?: string };

/** The pods the runner needs: add an ephemeral container, read its state, read its log. */
export interface ProbeCluster {
  /** The API server as shown in messages and results (no credentials). */
  readonly server: string;
  addEphemeralContainer(namespace: string, pod: string, c: EphemeralContainerSpec): Promise<void>;
  containerState(namespace: string, pod: string, container: string): Promise<ContainerState>;
  readLog(namespace: string, pod: string, container: string): Promise<string>;
}

/** A step of one probe failed in a way that ends that probe only (its result is "error"). */
export class ProbeStepError extends Error {
  constructor(
    readonly kind: 'pod-gone' | 'api',
    message: string,
  ) {
    super(message);
    this.name = 'ProbeStepError';
  }
}
