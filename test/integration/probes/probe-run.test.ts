// probe run against the loopback HTTPS API server through the real client-node: the ephemeral-container PATCH,
// the container's status and its log, with the server playing an enforcing or a non-enforcing network plugin.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { probeCluster } from '../../../src/collect/cluster/probe-api.js';
import { DEFAULT_PROBE_IMAGE, runProbes, type RunProbesOptions } from '../../../src/collect/probes/run.js';
import { AppError } from '../../../src/model/errors.js';
import { silentLogger } from '../../../src/model/log.js';
import type { PlannedProbe, ProbePlan } from '../../../src/model/probes.js';
import {
  startApiServer,
  type ApiServer,
  type EphemeralOptions,
  type Fault,
} from '../../helpers/api-server/index.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';

const web = (i: number) => ({ namespace: 'shop', pod: `web-7d9f-${i}`, workload: 'shop/web[Deployment]' });
const api = (i: number) => ({
  namespace: 'payments',
  pod: `api-7d9f-${i}`,
  workload: 'payments/api[Deployment]',
});

const probe = (id: string, over: Partial<PlannedProbe> = {}): PlannedProbe => ({
  id,
  from: web(0),
  to: { ...api(0), ip: '10.0.8.10' },
  protocol: 'TCP',
  port: 9090,
  expect: 'allow',
  reason: 'allowed by payments/api-from-shop spec.ingress[0]',
  ...over,
});

const planOf = (probes: PlannedProbe[]): ProbePlan => ({
  kind: 'ProbePlan',
  schemaVersion: 1,
  createdAt: '2026-01-15T10:00:00.000Z',
  source: { type: 'cluster', name: 'test' },
  maxProbes: 50,
  truncated: false,
  unprobeableWorkloads: 0,
  probes,
});

const denied = probe('p002', {
  from: api(0),
  to: { ...web(0), ip: '10.0.4.10' },
  port: 8080,
  expect: 'deny',
  reason: 'denied: egress of payments/api[Deployment] (payments/default-deny; default deny)',
});

let dir: string;
const servers: ApiServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'npe-probe-run-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function cluster(ephemeral: EphemeralOptions, faults: Fault[] = []) {
  const server = await startApiServer({ objects: sampleCluster(), ephemeral, faults });
  servers.push(server);
  const kubeconfig = await server.kubeconfigPath(path.join(dir, String(servers.length + Math.random())));
  return { server, cluster: probeCluster({ kubeconfig, env: {} }) };
}

const options = (over: Partial<RunProbesOptions> = {}): RunProbesOptions => ({
  image: DEFAULT_PROBE_IMAGE,
  command: ['/agnhost', 'connect'],
  connectTimeoutSeconds: 5,
  parallel: 4,
  probeTimeoutMs: 5_000,
  totalTimeoutMs: 30_000,
  pollMs: 10,
  runId: 'r1',
  now: () => new Date(),
  log: silentLogger,
  ...over,
});

describe('probe run with an enforcing network plugin', () => {
  it('adds one ephemeral container per probe by strategic-merge PATCH and reads what agnhost saw', async () => {
    const { server, cluster: c } = await cluster({ reachable: ['10.0.8.10:9090/tcp'] });
    const results = await runProbes(planOf([probe('p001'), denied]), c, options());
    expect(results.map((r) => [r.id, r.expect, r.observed, r.exitCode, r.detail])).toEqual([
      ['p001', 'allow', 'connected', 0, 'connected'],
      ['p002', 'deny', 'timeout', 1, 'TIMEOUT'],
    ]);
    expect(results[0]).toMatchObject({
      container: 'npe-r1-p001',
      image: DEFAULT_PROBE_IMAGE,
      from: { namespace: 'shop', pod: 'web-7d9f-0' },
    });
    expect(Date.parse(results[0]!.finishedAt)).toBeGreaterThanOrEqual(Date.parse(results[0]!.startedAt));
    expect(server.ephemeral.records.map((r) => [r.pod, r.name, r.contentType, r.args.join(' ')])).toEqual(
      expect.arrayContaining([
        [
          'web-7d9f-0',
          'npe-r1-p001',
          'application/strategic-merge-patch+json',
          '/agnhost connect 10.0.8.10:9090 --timeout=5s --protocol=tcp',
        ],
        [
          'api-7d9f-0',
          'npe-r1-p002',
          'application/strategic-merge-patch+json',
          '/agnhost connect 10.0.4.10:8080 --timeout=5s --protocol=tcp',
        ],
      ]),
    );
    const paths = server.requests.map(
      (r) => `${r.method} ${r.path}${r.query.container ? `?container=${r.query.container}` : ''}`,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'PATCH /api/v1/namespaces/shop/pods/web-7d9f-0/ephemeralcontainers',
        'GET /api/v1/namespaces/shop/pods/web-7d9f-0',
        'GET /api/v1/namespaces/shop/pods/web-7d9f-0/log?container=npe-r1-p001',
      ]),
    );
  });

  it('adds a second probe to a pod that already has one, leaving the first in place', async () => {
    const { server, cluster: c } = await cluster({ reachable: ['10.0.8.10:9090/tcp'] });
    await runProbes(
      planOf([probe('p001'), probe('p002', { port: 9091, expect: 'deny', reason: 'denied' })]),
      c,
      options({ parallel: 1 }),
    );
    const pod = (await (await fetchPod(server, 'shop', 'web-7d9f-0')).json()) as {
      spec: { ephemeralContainers: { name: string }[] };
    };
    expect(pod.spec.ephemeralContainers.map((x) => x.name)).toEqual(['npe-r1-p001', 'npe-r1-p002']);
  });
});

describe('probe run with a plugin that does not enforce', () => {
  it('sees the denied connection succeed', async () => {
    const { cluster: c } = await cluster({ reachable: ['10.0.8.10:9090/tcp', '10.0.4.10:8080/tcp'] });
    const results = await runProbes(planOf([probe('p001'), denied]), c, options());
    expect(results.map((r) => `${r.expect}:${r.observed}`)).toEqual(['allow:connected', 'deny:connected']);
  });

  it('records a reset as refused, not as blocked', async () => {
    const { cluster: c } = await cluster({ refused: ['10.0.4.10:8080/tcp'] });
    const [r] = await runProbes(planOf([denied]), c, options());
    expect([r?.observed, r?.detail]).toEqual(['refused', 'REFUSED']);
  });
});

describe('when a probe cannot run', () => {
  it('is an error result when the image cannot be pulled', async () => {
    const { cluster: c } = await cluster({ unpullable: ['registry.example/nope:1'] });
    const [r] = await runProbes(planOf([probe('p001')]), c, options({ image: 'registry.example/nope:1' }));
    expect(r?.observed).toBe('error');
    expect(r?.detail).toMatch(
      /^the container did not start: (ErrImagePull|ImagePullBackOff): Back-off pulling image "registry.example\/nope:1"$/,
    );
    expect(r?.image).toBe('registry.example/nope:1');
  });

  it('is an error result when the source pod is gone', async () => {
    const { cluster: c } = await cluster({});
    const [r] = await runProbes(
      planOf([probe('p001', { from: { ...web(0), pod: 'web-gone' } })]),
      c,
      options(),
    );
    expect(r?.observed).toBe('error');
    expect(r?.detail).toMatch(/^pod shop\/web-gone is gone \(HTTP 404: pods "web-gone" not found\)$/);
  });

  it('is an error result when the container does not finish within the probe time box', async () => {
    const { cluster: c } = await cluster({ hang: ['10.0.8.10:9090/tcp'] });
    const [r] = await runProbes(planOf([probe('p001')]), c, options({ probeTimeoutMs: 300 }));
    expect(r?.observed).toBe('error');
    expect(r?.detail).toMatch(/^no result within the time box of 300ms \(last state: running\)$/);
  });

  it('leaves probes not started within the run time box as errors', async () => {
    const { server, cluster: c } = await cluster({ hang: ['10.0.8.10:9090/tcp'] });
    const plan = planOf([probe('p001'), probe('p002'), probe('p003')]);
    const results = await runProbes(
      plan,
      c,
      options({ parallel: 1, probeTimeoutMs: 5_000, totalTimeoutMs: 300 }),
    );
    expect(results.map((r) => r.observed)).toEqual(['error', 'error', 'error']);
    expect(results[0]?.detail).toMatch(
      /^no result before the run's time box of 300ms was reached \(last state: /,
    );
    expect(results[1]?.detail).toMatch(/^not run: the run's time box of 300ms was reached$/);
    expect(results[2]?.detail).toMatch(/^not run: the run's time box of 300ms was reached$/);
    expect(server.ephemeral.records).toHaveLength(1);
  });

  it('stops the run with an access error (exit 3) naming the missing permission on 403', async () => {
    const { server, cluster: c } = await cluster({}, [
      {
        path: '/api/v1/namespaces/shop/pods/web-7d9f-0/ephemeralcontainers',
        status: 403,
        message:
          'pods "web-7d9f-0" is forbidden: User "system:serviceaccount:netpol-evidence:netpol-evidence" cannot patch resource "pods/ephemeralcontainers" in API group "" in the namespace "shop"',
      },
    ]);
    const err = await runProbes(
      planOf([probe('p001'), probe('p002'), probe('p003')]),
      c,
      options({ parallel: 1 }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).exitCode).toBe(3);
    expect((err as AppError).message).toMatch(
      /cannot patch resource "pods\/ephemeralcontainers" in namespace "shop" \(HTTP 403: .*\); probes need the opt-in ClusterRole in deploy\/rbac\/prober\/clusterrole\.yaml/,
    );
    expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});

describe('when Pod Security admission refuses the container in one namespace', () => {
  it('makes that probe an error and goes on with the others (it is not a missing permission)', async () => {
    const { cluster: c } = await cluster({ reachable: ['10.0.4.10:8080/tcp'] }, [
      {
        path: '/api/v1/namespaces/shop/pods/web-7d9f-0/ephemeralcontainers',
        status: 403,
        message:
          'pods "web-7d9f-0" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true (container "npe-r1-p001" must not set securityContext.runAsNonRoot=false)',
      },
    ]);
    const results = await runProbes(planOf([probe('p001'), denied]), c, options({ parallel: 1 }));
    expect(results[0]?.observed).toBe('error');
    expect(results[0]?.detail).toMatch(
      /^patch pods\/ephemeralcontainers of pod shop\/web-7d9f-0 refused by Pod Security admission: .*violates PodSecurity/,
    );
    expect(results[1]?.observed).toBe('connected');
  });

  it('asks for a container the restricted profile admits', async () => {
    const { server, cluster: c } = await cluster({});
    await runProbes(planOf([probe('p001')]), c, options());
    const pod = (await (await fetchPod(server, 'shop', 'web-7d9f-0')).json()) as {
      spec: { ephemeralContainers: { securityContext: Record<string, unknown> }[] };
    };
    expect(pod.spec.ephemeralContainers[0]?.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65534,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
});

describe('--parallel', () => {
  const many = (n: number): PlannedProbe[] =>
    Array.from({ length: n }, (_, i) =>
      probe(`p${String(i + 1).padStart(2, '0')}`, { from: web(i % 3), port: 9000 + i }),
    );

  it.each([1, 3])('never has more than %i probes between PATCH and log at once', async (parallel) => {
    const { server, cluster: c } = await cluster({ runMs: 40 });
    const results = await runProbes(planOf(many(9)), c, options({ parallel }));
    expect(results.every((r) => r.observed === 'timeout')).toBe(true);
    expect(server.ephemeral.records).toHaveLength(9);
    expect(server.ephemeral.maxConcurrent()).toBe(parallel);
  });
});

function fetchPod(server: ApiServer, ns: string, name: string): Promise<Response> {
  return import('node:https').then(
    (https) =>
      new Promise<Response>((resolve, reject) => {
        const req = https.request(
          `${server.url}/api/v1/namespaces/${ns}/pods/${name}`,
          { ca: server.caPem, headers: { Authorization: `Bearer ${server.token}` } },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve(new Response(text, { status: res.statusCode ?? 0 })));
          },
        );
        req.on('error', reject);
        req.end();
      }),
  );
}
