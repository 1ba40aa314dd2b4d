// Ephemeral containers as the API server and kubelet handle them, for probe tests: the pods/ephemeralcontainers
// PATCH (strategic merge, JSON merge or JSON patch), the container's status over time (waiting -> running ->
// terminated, or an image pull failure) and its log. Whether an agnhost `connect` succeeds is decided by a table
// of reachable ip:port/protocol, so a test can play an enforcing or a non-enforcing network plugin.
import { statusBody } from './status.js';

type Obj = Record<string, unknown>;

export interface EphemeralOptions {
  /** "10.0.8.10:9090/tcp": connections that succeed (exit 0). Anything else times out (exit 1, TIMEOUT). */
  readonly reachable?: readonly string[];
  /** Destinations that answer with a reset (exit 1, REFUSED). */
  readonly refused?: readonly string[];
  /** Destinations whose probe never terminates (the client's time box must end it). */
  readonly hang?: readonly string[];
  /** Images that cannot be pulled (status waiting: ErrImagePull, then ImagePullBackOff). */
  readonly unpullable?: readonly string[];
  /** How long a container waits (ContainerCreating) and then runs before it terminates. */
  readonly startMs?: number;
  readonly runMs?: number;
  /** Patches whose container the server records but keeps in ContainerCreating this much longer. */
  readonly slowStartMs?: number;
}

/** One ephemeral container as the test server saw it: when it was added and when its log was read. */
export interface EphemeralRecord {
  readonly namespace: string;
  readonly pod: string;
  readonly name: string;
  readonly image: string;
  readonly args: readonly string[];
  readonly contentType: string;
  readonly patchedAt: number;
  logReadAt?: number;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text?: string;
}

const POD = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)(?:\/(ephemeralcontainers|log))?$/;

/** The agnhost connect target and protocol from a container's command and args ("ip:port/tcp"). */
function target(c: Obj): string | undefined {
  const words = [...((c.command as string[] | undefined) ?? []), ...((c.args as string[] | undefined) ?? [])];
  const i = words.indexOf('connect');
  const dest = i >= 0 ? words[i + 1] : undefined;
  if (!dest) return undefined;
  const proto = words.find((w) => w.startsWith('--protocol='))?.slice('--protocol='.length) ?? 'tcp';
  return `${dest}/${proto}`;
}

export class EphemeralPods {
  readonly records: EphemeralRecord[] = [];
  private readonly pods = new Map<string, Obj>();

  constructor(
    podItems: readonly Obj[],
    private readonly o: EphemeralOptions,
  ) {
    for (const p of podItems) {
      const m = (p.metadata ?? {}) as Obj;
      this.pods.set(`${String(m.namespace)}/${String(m.name)}`, p);
    }
  }

  /** The largest number of containers between their PATCH and the read of their log at any moment. */
  maxConcurrent(): number {
    const events = this.records.flatMap((r) => [
      { t: r.patchedAt, d: 1 },
      { t: r.logReadAt ?? Infinity, d: -1 },
    ]);
    events.sort((a, b) => a.t - b.t || a.d - b.d);
    let n = 0;
    let max = 0;
    for (const e of events) max = Math.max(max, (n += e.d));
    return max;
  }

  /** Answers pod GETs, the ephemeralcontainers PATCH and log reads; undefined for any other path. */
  answer(
    method: string,
    p: string,
    q: URLSearchParams,
    body: string,
    contentType: string,
  ): Answer | undefined {
    const m = POD.exec(p);
    if (!m) return undefined;
    const [, ns, name, sub] = m as unknown as [string, string, string, string | undefined];
    const pod = this.pods.get(`${ns}/${name}`);
    if (!pod)
      return { status: 404, body: statusBody(404, `pods "${name}" not found`, { name, kind: 'pods' }) };
    if (sub === 'ephemeralcontainers') {
      if (method !== 'PATCH' && method !== 'GET')
        return { status: 405, body: statusBody(405, 'the server does not allow this method') };
      return method === 'GET'
        ? { status: 200, body: this.view(pod) }
        : this.patch(pod, ns, name, body, contentType);
    }
    if (sub === 'log') return this.log(pod, name, q.get('container') ?? '');
    if (method !== 'GET')
      return { status: 405, body: statusBody(405, 'the server does not allow this method') };
    return { status: 200, body: this.view(pod) };
  }

  private spec(pod: Obj): Obj {
    pod.spec ??= {};
    return pod.spec as Obj;
  }

  private patch(pod: Obj, ns: string, name: string, body: string, contentType: string): Answer {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      return { status: 400, body: statusBody(400, 'the body of the request was in an unknown format') };
    }
    const existing = ((this.spec(pod).ephemeralContainers as Obj[] | undefined) ?? []).slice();
    let next: Obj[];
    const type = contentType.split(';')[0]?.trim();
    if (type === 'application/strategic-merge-patch+json') {
      // ephemeralContainers has patchMergeKey "name": listed containers are merged into the list by name.
      const listed = (((doc as Obj).spec as Obj | undefined)?.ephemeralContainers as Obj[] | undefined) ?? [];
      next = existing.slice();
      for (const c of listed) {
        const i = next.findIndex((x) => x.name === c.name);
        if (i >= 0) next[i] = { ...next[i], ...c };
        else next.push(c);
      }
    } else if (type === 'application/merge-patch+json') {
      next = (((doc as Obj).spec as Obj | undefined)?.ephemeralContainers as Obj[] | undefined) ?? existing;
    } else if (type === 'application/json-patch+json') {
      next = existing.slice();
      for (const op of doc as Obj[])
        if (op.op === 'add' && op.path === '/spec/ephemeralContainers/-') next.push(op.value as Obj);
        else
          return {
            status: 422,
            body: statusBody(422, `unsupported JSON patch operation in this test server`),
          };
    } else {
      return {
        status: 415,
        body: statusBody(
          415,
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
        ),
      };
    }
    // ValidatePodEphemeralContainersUpdate: existing ephemeral containers may be neither removed nor changed.
    for (const old of existing) {
      const now = next.find((c) => c.name === old.name);
      if (!now || JSON.stringify(now) !== JSON.stringify(old))
        return {
          status: 422,
          body: statusBody(
            422,
            `Pod "${name}" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "${String(old.name)}" may not be changed`,
          ),
        };
    }
    const names = new Set<string>();
    for (const c of next) {
      if (typeof c.name !== 'string' || typeof c.image !== 'string' || names.has(c.name))
        return {
          status: 422,
          body: statusBody(422, `Pod "${name}" is invalid: spec.ephemeralContainers: Invalid value`),
        };
      names.add(c.name);
    }
    this.spec(pod).ephemeralContainers = next;
    for (const c of next.slice(existing.length))
      this.records.push({
        namespace: ns,
        pod: name,
        name: c.name as string,
        image: c.image as string,
        args: [...((c.command as string[]) ?? []), ...((c.args as string[]) ?? [])],
        contentType: type ?? '',
        patchedAt: Date.now(),
      });
    return { status: 200, body: this.view(pod) };
  }

  private record(pod: Obj, container: string): EphemeralRecord | undefined {
    const m = pod.metadata as Obj;
    return this.records.find((r) => r.namespace === m.namespace && r.pod === m.name && r.name === container);
  }

  /** The container's state now, derived from the time since its PATCH. */
  private state(c: Obj, r: EphemeralRecord): { state: Obj; exitCode?: number; log?: string } {
    const start = this.o.startMs ?? 20;
    const run = this.o.runMs ?? 30;
    const age = Date.now() - r.patchedAt - (this.o.slowStartMs ?? 0);
    const dest = target(c);
    if (this.o.unpullable?.includes(r.image))
      return {
        state: {
          waiting: {
            reason: age < start ? 'ErrImagePull' : 'ImagePullBackOff',
            message: `Back-off pulling image "${r.image}"`,
          },
        },
      };
    if (age < start) return { state: { waiting: { reason: 'ContainerCreating' } } };
    const startedAt = new Date(r.patchedAt + start).toISOString();
    if (age < start + run || (dest && this.o.hang?.includes(dest)))
      return { state: { running: { startedAt } } };
    const [exitCode, log] = !dest
      ? [1, 'UNKNOWN: no connect target\n']
      : this.o.reachable?.includes(dest)
        ? [0, '']
        : this.o.refused?.includes(dest)
          ? [1, 'REFUSED\n']
          : [1, 'TIMEOUT\n'];
    return {
      state: {
        terminated: {
          exitCode,
          reason: exitCode === 0 ? 'Completed' : 'Error',
          startedAt,
          finishedAt: new Date(r.patchedAt + start + run).toISOString(),
        },
      },
      exitCode,
      log,
    };
  }

  private view(pod: Obj): Obj {
    const statuses = ((this.spec(pod).ephemeralContainers as Obj[] | undefined) ?? []).flatMap((c) => {
      const r = this.record(pod, c.name as string);
      if (!r) return [];
      return [{ name: c.name, image: c.image, ready: false, restartCount: 0, state: this.state(c, r).state }];
    });
    return {
      kind: 'Pod',
      apiVersion: 'v1',
      ...pod,
      status: { ...((pod.status as Obj | undefined) ?? {}), ephemeralContainerStatuses: statuses },
    };
  }

  private log(pod: Obj, name: string, container: string): Answer {
    const c = ((this.spec(pod).ephemeralContainers as Obj[] | undefined) ?? []).find(
      (x) => x.name === container,
    );
    const r = c && this.record(pod, container);
    if (!c || !r)
      return {
        status: 400,
        body: statusBody(400, `container ${container} is not valid for pod ${name}`),
      };
    const s = this.state(c, r);
    if (s.state.waiting) {
      const reason = String((s.state.waiting as Obj).reason);
      return {
        status: 400,
        body: statusBody(400, `container "${container}" in pod "${name}" is waiting to start: ${reason}`),
      };
    }
    r.logReadAt = Date.now();
    return { status: 200, body: undefined, text: s.log ?? '' };
  }
}
