// `probe plan` and `probe run` as a user runs them (built CLI), against the loopback HTTPS API server.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProbePlan, ProbeResults } from '../../../src/model/probes.js';
import { startApiServer, type ApiServer } from '../../helpers/api-server/index.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { runBuiltCli } from '../../helpers/cli.js';

let dir: string;
let server: ApiServer;
let kubeconfig: string;
const FAST = ['--poll-interval', '20ms', '--probe-timeout', '10s'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'npe-probe-cli-'));
  // An enforcing plugin: only shop/web -> payments/api on 9090 (what payments/api-from-shop allows) connects.
  server = await startApiServer({
    objects: sampleCluster(),
    ephemeral: { reachable: ['10.0.8.10:9090/tcp', '10.0.8.11:9090/tcp'] },
  });
  kubeconfig = await server.kubeconfigPath(dir);
});
afterAll(async () => {
  await server.close();
});

describe('probe plan --kubeconfig', () => {
  it('writes a plan of real running pods addressed by pod IP, with expected outcomes from the analysis', async () => {
    const file = path.join(dir, 'plan.json');
    const r = await runBuiltCli(['probe', 'plan', '--kubeconfig', kubeconfig, '--output', file], {
      env: { SOURCE_DATE_EPOCH: '1768471200' },
    });
    expect({ code: r.code, err: r.stderr.match(/^error:.*/m)?.[0] }).toEqual({ code: 0, err: undefined });
    const plan = JSON.parse(await readFile(file, 'utf8')) as ProbePlan;
    expect(plan.createdAt).toBe('2026-01-15T10:00:00.000Z');
    expect(plan.probes.map((p) => `${p.from.pod} -> ${p.to.pod} ${p.to.ip}:${p.port} ${p.expect}`)).toEqual(
      expect.arrayContaining([
        'web-7d9f-0 -> api-7d9f-0 10.0.8.10:9090 allow',
        'api-7d9f-0 -> web-7d9f-0 10.0.4.10:8080 deny',
      ]),
    );
    const again = await runBuiltCli(['probe', 'plan', '--kubeconfig', kubeconfig], {
      env: { SOURCE_DATE_EPOCH: '1768471200' },
    });
    expect(again.stdout).toBe(await readFile(file, 'utf8'));
  });
});

describe('probe run', () => {
  it('runs a plan file and writes results that match the enforcing plugin', async () => {
    const plan = path.join(dir, 'plan.json');
    const out = path.join(dir, 'results.json');
    const r = await runBuiltCli([
      'probe',
      'run',
      '--plan',
      plan,
      '--kubeconfig',
      kubeconfig,
      '--output',
      out,
      ...FAST,
    ]);
    expect({ code: r.code, err: r.stderr.match(/^error:.*/m)?.[0] }).toEqual({ code: 0, err: undefined });
    const results = JSON.parse(await readFile(out, 'utf8')) as ProbeResults;
    expect(results).toMatchObject({
      kind: 'ProbeResults',
      server: server.url,
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
    });
    expect(results.planSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results.results.length).toBeGreaterThan(1);
    for (const x of results.results)
      expect(`${x.id} ${x.expect} ${x.observed}`).toBe(
        `${x.id} ${x.expect} ${x.expect === 'allow' ? 'connected' : 'timeout'}`,
      );
  });

  it('plans and runs in one against the live cluster, bounded by --max-probes', async () => {
    const r = await runBuiltCli([
      'probe',
      'run',
      '--kubeconfig',
      kubeconfig,
      '--max-probes',
      '2',
      '--parallel',
      '1',
      ...FAST,
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ProbeResults).results).toHaveLength(2);
  });

  it('refuses a malformed plan with exit 2, naming the file and the field', async () => {
    const bad = path.join(dir, 'bad-plan.json');
    const plan = JSON.parse(await readFile(path.join(dir, 'plan.json'), 'utf8')) as {
      probes: Record<string, unknown>[];
    };
    plan.probes[0]!.port = 70000;
    await writeFile(bad, JSON.stringify(plan));
    const r = await runBuiltCli(['probe', 'run', '--plan', bad, '--kubeconfig', kubeconfig]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--plan: ${bad} probes[0].port: must be <= 65535`);
  });

  it('exits 3 naming the missing permission when RBAC refuses the ephemeral container', async () => {
    server.faults.push({
      path: '/api/v1/namespaces/shop/pods/web-7d9f-0/ephemeralcontainers',
      status: 403,
      message:
        'pods "web-7d9f-0" is forbidden: User "system:serviceaccount:netpol-evidence:netpol-evidence" cannot patch resource "pods/ephemeralcontainers" in API group "" in the namespace "shop"',
    });
    const r = await runBuiltCli([
      'probe',
      'run',
      '--plan',
      path.join(dir, 'plan.json'),
      '--kubeconfig',
      kubeconfig,
      '--parallel',
      '1',
      ...FAST,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /error: forbidden on https:\/\/127\.0\.0\.1:\d+: cannot patch resource "pods\/ephemeralcontainers" in namespace "shop"/,
    );
    expect(r.stderr).toContain('deploy/rbac/prober/clusterrole.yaml');
  });
});
