import { planProbes } from '../../../../src/analyze/probes/plan.js';
import { buildReachability } from '../../../../src/analyze/reachability/index.js';
import type { NetworkPolicy, Pod, Snapshot } from '../../../../src/model/snapshot.js';
import { emptySnapshot } from '../../../helpers/empty-snapshot.js';

const at = new Date('2026-01-15T10:00:00Z');

const pod = (
  ns: string,
  name: string,
  rs: string,
  ip: string | undefined,
  ports: number[],
  phase = 'Running',
): Pod => ({
  namespace: ns,
  name,
  labels: { app: rs },
  ports: ports.map((containerPort) => ({ containerPort, protocol: 'TCP' as const })),
  owner: { kind: 'ReplicaSet', name: rs },
  ...(ip ? { ips: [ip] } : {}),
  phase,
});

const policies: NetworkPolicy[] = [
  { namespace: 'api', name: 'default-deny', spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  {
    namespace: 'api',
    name: 'allow-web',
    spec: {
      podSelector: { matchLabels: { app: 'orders' } },
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    },
  },
];

function cluster(extra: Partial<Snapshot> = {}): Snapshot {
  return emptySnapshot({
    namespaces: ['api', 'db', 'web'].map((name) => ({ name, labels: {} })),
    pods: [
      pod('web', 'storefront-b', 'storefront', '10.0.0.2', [8080]),
      pod('web', 'storefront-a', 'storefront', '10.0.0.1', [8080]),
      pod('web', 'batch-x', 'batch', undefined, [], 'Pending'),
      pod('api', 'orders-a', 'orders', '10.0.1.1', [8080, 9090]),
      pod('db', 'pg-0', 'pg', '10.0.2.1', [5432]),
    ],
    networkPolicies: policies,
    ...extra,
  });
}

const line = (p: {
  from: { workload: string };
  to: { workload: string };
  protocol: string;
  port: number;
  expect: string;
}): string => `${p.from.workload} -> ${p.to.workload} ${p.protocol} ${p.port} ${p.expect}`;

describe('deriving a probe plan from the analysis', () => {
  const snap = cluster();
  const plan = planProbes(snap, buildReachability(snap), { maxProbes: 50, createdAt: at });

  it('exercises each NetworkPolicy rule from a real running pod to a real pod IP on the rule port', () => {
    const viaRule = plan.probes.filter((p) => p.rule === 'api/allow-web spec.ingress[0]');
    expect(viaRule).toHaveLength(1);
    expect(viaRule[0]).toMatchObject({
      from: { namespace: 'web', pod: 'storefront-a', workload: 'web/storefront[ReplicaSet]' },
      to: { namespace: 'api', pod: 'orders-a', workload: 'api/orders[ReplicaSet]', ip: '10.0.1.1' },
      protocol: 'TCP',
      port: 8080,
      expect: 'allow',
      reason: 'allowed by api/allow-web spec.ingress[0]',
    });
  });

  it('plans denied probes, naming a default deny and a port no rule allows', () => {
    const denied = plan.probes.filter((p) => p.expect === 'deny');
    expect(denied.map(line)).toEqual(
      expect.arrayContaining([
        'db/pg[ReplicaSet] -> api/orders[ReplicaSet] TCP 8080 deny',
        'web/storefront[ReplicaSet] -> api/orders[ReplicaSet] TCP 9090 deny',
      ]),
    );
    const fromDb = denied.find((p) => p.from.workload === 'db/pg[ReplicaSet]');
    expect(fromDb?.reason).toBe(
      'denied: ingress of api/orders[ReplicaSet] (api/allow-web, api/default-deny; default deny)',
    );
    const fromWeb = denied.find((p) => p.from.workload === 'web/storefront[ReplicaSet]');
    expect(fromWeb?.reason).toContain('no rule allows this port from web/storefront[ReplicaSet]');
  });

  it('plans allowed probes between namespaces no policy isolates', () => {
    expect(plan.probes.map(line)).toContain('web/storefront[ReplicaSet] -> db/pg[ReplicaSet] TCP 5432 allow');
    const p = plan.probes.find(
      (x) => line(x) === 'web/storefront[ReplicaSet] -> db/pg[ReplicaSet] TCP 5432 allow',
    );
    expect(p?.reason).toBe('allowed: no policy isolates either end');
  });

  it('agrees with the reachability engine on every expectation', () => {
    const reach = buildReachability(snap);
    const peers = new Map(reach.engine.u.peers.map((p, i) => [p.id, i]));
    const ep = (id: string) => reach.engine.classEndpoint(reach.engine.u.peerClass[peers.get(id)!]!);
    for (const p of plan.probes) {
      const allowed = reach.engine
        .conns(ep(p.from.workload), ep(p.to.workload))
        .ranges(p.protocol)
        .some((r) => r.from <= p.port && p.port <= r.to);
      expect(`${p.id} ${allowed ? 'allow' : 'deny'}`).toBe(`${p.id} ${p.expect}`);
    }
  });

  it('never uses a pod that is not running or has no IP, nor a workload as its own destination', () => {
    for (const p of plan.probes) {
      expect(p.from.pod).not.toBe('batch-x');
      expect(p.from.workload).not.toBe(p.to.workload);
    }
    expect(plan.unprobeableWorkloads).toBe(1);
  });

  it('gives every probe an id in order and records where the expectations came from', () => {
    expect(plan.probes.map((p) => p.id)).toEqual(
      plan.probes.map((_, i) => `p${String(i + 1).padStart(String(plan.probes.length).length, '0')}`),
    );
    expect(plan).toMatchObject({
      kind: 'ProbePlan',
      schemaVersion: 1,
      createdAt: '2026-01-15T10:00:00.000Z',
      source: { type: 'manifests', name: 'test' },
      truncated: false,
    });
  });
});

describe('when --max-probes is smaller than the candidates', () => {
  const snap = cluster();
  const reach = buildReachability(snap);

  it('keeps the first ones, alternating allowed and denied, and says it cut the list', () => {
    const plan = planProbes(snap, reach, { maxProbes: 4, createdAt: at });
    expect(plan.probes).toHaveLength(4);
    expect(plan.truncated).toBe(true);
    expect(plan.probes.map((p) => p.expect)).toEqual(['allow', 'deny', 'allow', 'deny']);
  });

  it('is deterministic: the same snapshot, in any pod order, gives the same plan', () => {
    const a = planProbes(snap, reach, { maxProbes: 7, createdAt: at });
    const shuffled = cluster({ pods: [...snap.pods].reverse() });
    const b = planProbes(shuffled, buildReachability(shuffled), { maxProbes: 7, createdAt: at });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
