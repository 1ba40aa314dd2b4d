// Runs a probe plan: one ephemeral container per probe in its real source pod, at most `parallel` at once,
// each waited for (pod status polled) within its own time box and all within the run's; the container's log
// says what agnhost `connect` saw. A probe that cannot run is an "error" result; a 403 stops the run.
import { AppError } from '../../model/errors.js';
import type { Logger } from '../../model/log.js';
import type { PlannedProbe, ProbeObservation, ProbePlan, ProbeResult } from '../../model/probes.js';
import { ProbeStepError, type ContainerState, type ProbeCluster } from './types.js';

/** agnhost's image (its entrypoint binary is /agnhost) and how `connect` is called. */
export const DEFAULT_PROBE_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
export const DEFAULT_PROBE_COMMAND: readonly string[] = ['/agnhost', 'connect'];

export interface RunProbesOptions {
  readonly image: string;
  /** The program and its subcommand; the target and flags follow (agnhost's `connect` contract). */
  readonly command: readonly string[];
  /** agnhost `connect --timeout`: how long one connection attempt may take. */
  readonly connectTimeoutSeconds: number;
  readonly parallel: number;
  /** One probe from its PATCH to its log, image pull included. */
  readonly probeTimeoutMs: number;
  /** The whole run; probes not started by then are "error" results. */
  readonly totalTimeoutMs: number;
  readonly pollMs: number;
  /** Container names are `npe-<runId>-<probe id>`: unique per run (ephemeral containers cannot be removed). */
  readonly runId: string;
  readonly now: () => Date;
  readonly log: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Waiting reasons after which the container will not start on its own soon (kubelet's image and config errors). */
const STUCK = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'StartError',
]);

/** agnhost connect: exit 0 connected; otherwise its first line starts with TIMEOUT, REFUSED, DNS, OTHER or UNKNOWN. */
export function parseConnectLog(
  exitCode: number,
  log: string,
): { observed: ProbeObservation; detail: string } {
  const first = (log.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 300);
  if (exitCode === 0) return { observed: 'connected', detail: first || 'connected' };
  const word = /^([A-Z]+)\b/.exec(first)?.[1];
  if (word === 'TIMEOUT') return { observed: 'timeout', detail: first };
  if (word === 'REFUSED') return { observed: 'refused', detail: first };
  if (word === 'OTHER') return { observed: 'other', detail: first };
  return {
    observed: 'error',
    detail: first
      ? `exit ${exitCode}: ${first}`
      : `exit ${exitCode} without output (is the image's command agnhost connect?)`,
  };
}

export function containerName(runId: string, probeId: string): string {
  return `npe-${runId}-${probeId}`.slice(0, 63).replace(/-+$/, '');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`;
}

function stateText(s: ContainerState): string {
  switch (s.kind) {
    case 'absent':
      return 'not reported yet';
    case 'waiting':
      return `waiting (${s.reason})`;
    case 'running':
      return 'running';
    case 'terminated':
      return `terminated (exit ${s.exitCode})`;
  }
}

class Runner {
  private fatal: unknown;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly endAt: number;

  constructor(
    private readonly cluster: ProbeCluster,
    private readonly o: RunProbesOptions,
  ) {
    this.sleep = o.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    this.endAt = Date.now() + o.totalTimeoutMs;
  }

  get stopped(): boolean {
    return this.fatal !== undefined;
  }

  stop(e: unknown): void {
    this.fatal ??= e;
  }

  rethrow(): void {
    if (this.fatal !== undefined) throw this.fatal;
  }

  /** Set when a probe gave up because the run's time box would pass before its next poll. */
  private runBoxReached = false;

  outOfTime(): boolean {
    return this.runBoxReached || Date.now() >= this.endAt;
  }

  args(p: PlannedProbe): string[] {
    const host = p.to.ip.includes(':') ? `[${p.to.ip}]` : p.to.ip;
    return [
      `${host}:${p.port}`,
      `--timeout=${this.o.connectTimeoutSeconds}s`,
      `--protocol=${p.protocol.toLowerCase()}`,
    ];
  }

  result(
    p: PlannedProbe,
    container: string,
    startedAt: Date,
    r: { observed: ProbeObservation; detail: string; exitCode?: number },
  ): ProbeResult {
    return {
      ...p,
      observed: r.observed,
      detail: r.detail,
      ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
      container,
      image: this.o.image,
      startedAt: startedAt.toISOString(),
      finishedAt: this.o.now().toISOString(),
    };
  }

  notRun(p: PlannedProbe, why: string): ProbeResult {
    const at = this.o.now();
    return this.result(p, containerName(this.o.runId, p.id), at, { observed: 'error', detail: why });
  }

  /** One probe; ProbeStepErrors end this probe as "error", AppErrors (403, 401, network) end the run. */
  async one(p: PlannedProbe): Promise<ProbeResult> {
    const name = containerName(this.o.runId, p.id);
    const startedAt = this.o.now();
    const ownEnd = Date.now() + this.o.probeTimeoutMs;
    const deadline = Math.min(ownEnd, this.endAt);
    const [program = '/agnhost', ...sub] = this.o.command;
    try {
      await this.cluster.addEphemeralContainer(p.from.namespace, p.from.pod, {
        name,
        image: this.o.image,
        command: [program],
        args: [...sub, ...this.args(p)],
      });
      let state: ContainerState = { kind: 'absent' };
      for (;;) {
        state = await this.cluster.containerState(p.from.namespace, p.from.pod, name);
        if (state.kind === 'terminated') break;
        if (state.kind === 'waiting' && STUCK.has(state.reason))
          return this.result(p, name, startedAt, {
            observed: 'error',
            detail: `the container did not start: ${state.reason}${state.message ? `: ${state.message}` : ''}`,
          });
        if (this.stopped)
          return this.result(p, name, startedAt, { observed: 'error', detail: 'the run was stopped' });
        if (Date.now() + this.o.pollMs > deadline) {
          // Which box ended it: the run's (then no further probe starts) or this probe's own.
          const runBox = this.endAt < ownEnd;
          if (runBox) this.runBoxReached = true;
          return this.result(p, name, startedAt, {
            observed: 'error',
            detail: runBox
              ? `no result before the run's time box of ${seconds(this.o.totalTimeoutMs)} was reached (last state: ${stateText(state)})`
              : `no result within the time box of ${seconds(this.o.probeTimeoutMs)} (last state: ${stateText(state)})`,
          });
        }
        await this.sleep(this.o.pollMs);
      }
      const log = await this.cluster.readLog(p.from.namespace, p.from.pod, name);
      return this.result(p, name, startedAt, {
        ...parseConnectLog(state.exitCode, log),
        exitCode: state.exitCode,
      });
    } catch (e) {
      if (e instanceof ProbeStepError)
        return this.result(p, name, startedAt, { observed: 'error', detail: e.message });
      this.stop(e);
      return this.result(p, name, startedAt, { observed: 'error', detail: (e as Error).message });
    }
  }
}

/** Runs every probe of `plan` (in plan order in the output); throws the first access error after stopping. */
export async function runProbes(
  plan: ProbePlan,
  cluster: ProbeCluster,
  o: RunProbesOptions,
): Promise<ProbeResult[]> {
  if (!Number.isInteger(o.parallel) || o.parallel < 1)
    throw new AppError('USAGE', `--parallel must be a positive whole number, not ${String(o.parallel)}`);
  const runner = new Runner(cluster, o);
  const results: ProbeResult[] = new Array<ProbeResult>(plan.probes.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.probes.length) {
      const i = next++;
      const p = plan.probes[i] as PlannedProbe;
      if (runner.stopped) results[i] = runner.notRun(p, 'not run: the run was stopped by an access error');
      else if (runner.outOfTime())
        results[i] = runner.notRun(
          p,
          `not run: the run's time box of ${seconds(o.totalTimeoutMs)} was reached`,
        );
      else {
        o.log.progress?.(
          'probe',
          `${p.id} ${p.from.namespace}/${p.from.pod} -> ${p.to.ip}:${p.port}/${p.protocol}`,
        );
        results[i] = await runner.one(p);
        o.log.info('probe done', { probe: p.id, expect: p.expect, observed: results[i]?.observed });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.parallel, plan.probes.length) }, worker));
  runner.rethrow();
  return results;
}
