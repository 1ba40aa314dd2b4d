import path from 'node:path';
import { readFlowFiles } from '../../../../src/collect/flows/index.js';
import { loadManifests } from '../../../../src/collect/manifests/load-manifests.js';
import { compareFlows } from '../../../../src/analyze/flows/index.js';
import { flowFindings } from '../../../../src/analyze/flows/findings.js';
import { buildReachability } from '../../../../src/analyze/reachability/index.js';
import type { FlowAggregate, FlowObservations } from '../../../../src/model/flows.js';
import type { Snapshot } from '../../../../src/model/snapshot.js';
import { fixedClock, repoRoot } from '../../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const fixture = (n: string): string => path.join(repoRoot, 'test', 'fixtures', 'flows', n);

let snapshot: Snapshot;
beforeAll(async () => {
  snapshot = await loadManifests({ paths: [demo], now: fixedClock });
});

function observations(aggregates: FlowAggregate[]): FlowObservations {
  return { sources: [], aggregates, records: aggregates.length, malformed: 0, otherEvents: 0, warnings: [] };
}

const flow = (over: Partial<FlowAggregate>): FlowAggregate => ({
  src: { namespace: 'web', workload: { kind: 'Deployment', name: 'storefront' } },
  dst: { namespace: 'api', workload: { kind: 'Deployment', name: 'orders-api' } },
  protocol: 'TCP',
  port: 8080,
  verdict: 'forwarded',
  reply: false,
  flows: 1,
  ...over,
});

describe('comparing Hubble flows of the demo cluster with its policies', () => {
  it('gives each connection-initiating flow one outcome and leaves replies out', async () => {
    const obs = await readFlowFiles([fixture('hubble-observe.json')]);
    const { section } = compareFlows(snapshot, buildReachability(snapshot), obs);
    expect(section.counts).toMatchObject({
      flows: 6,
      replies: 1,
      byVerdict: { forwarded: 4, policyDropped: 2, otherDropped: 0 },
      // 8080 web->api allowed and forwarded; 5432 to postgres forwarded but denied (twice);
      // 8443 staging->payments and 9090 web->api dropped and denied
      byOutcome: { allowedForwarded: 1, unenforced: 2, droppedAllowed: 0, enforced: 2 },
    });
    expect(section.unenforced.items.map((p) => `${p.src} -> ${p.dst} ${p.protocol} ${p.port}`)).toEqual([
      'api/orders-api[Deployment] -> postgres/postgres[StatefulSet] TCP 5432',
      'staging/storefront-preview[Deployment] -> postgres/postgres[StatefulSet] TCP 5432',
    ]);
    expect(section.window).toEqual({
      from: '2026-01-14T09:00:01.102938475Z',
      to: '2026-01-14T09:09:30.000000000Z',
    });
  });

  it('counts enforcement per policy and direction, with the blocked connection as example', async () => {
    const obs = await readFlowFiles([fixture('hubble-observe.json')]);
    const { section } = compareFlows(snapshot, buildReachability(snapshot), obs);
    const api = section.enforcement.find((e) => e.policy === 'api/orders-api-from-web');
    expect(api).toMatchObject({ direction: 'ingress', flows: 1 });
    expect(api?.examples[0]).toMatchObject({ src: 'web/storefront[Deployment]', port: 9090 });
    expect(section.enforcement.some((e) => e.policy.startsWith('payments/'))).toBe(true);
  });

  it('counts rule hits, lists rules no flow used and allowed paths no flow took', async () => {
    const obs = await readFlowFiles([fixture('hubble-observe.json')]);
    const { section } = compareFlows(snapshot, buildReachability(snapshot), obs);
    expect(section.ruleHits.find((r) => r.rule === 'api/orders-api-from-web spec.ingress[0]')?.hits).toBe(1);
    expect(section.unusedRules).toContain('api/orders-api-from-web spec.ingress[1]');
    expect(section.unusedRules).not.toContain('api/orders-api-from-web spec.ingress[0]');
    expect(section.unobserved.complete).toBe(true);
    const pairs = section.unobserved.items.map((p) => `${p.src} -> ${p.dst}`);
    expect(pairs).toContain('monitoring/prometheus[Deployment] -> api/orders-api[Deployment]');
    expect(pairs).not.toContain('web/storefront[Deployment] -> api/orders-api[Deployment]');
  });
});

describe('outcomes', () => {
  const compare = (a: FlowAggregate[]) =>
    compareFlows(snapshot, buildReachability(snapshot), observations(a));

  it('a flow dropped by policy that the policies allow is dropped-allowed', () => {
    const r = compare([flow({ verdict: 'policy-dropped', flows: 3 })]);
    expect(r.section.counts.byOutcome.droppedAllowed).toBe(3);
    const f = flowFindings(r.unenforced, r.droppedAllowed);
    expect(f).toEqual([
      expect.objectContaining({
        rule: 'dropped-allowed-flow',
        severity: 'medium',
        resource: { kind: 'Deployment', namespace: 'api', name: 'orders-api' },
        pairs: [{ src: 'web/storefront[Deployment]', dst: 'api/orders-api[Deployment]', conns: 'TCP 8080' }],
      }),
    ]);
  });

  it('a forwarded flow the policies deny is an unenforced-flow finding (critical) on the protected workload', () => {
    const r = compare([flow({ port: 5432, dst: { namespace: 'postgres', pod: 'postgres-0' } })]);
    expect(flowFindings(r.unenforced, r.droppedAllowed)).toEqual([
      expect.objectContaining({
        rule: 'unenforced-flow',
        severity: 'critical',
        resource: { kind: 'StatefulSet', namespace: 'postgres', name: 'postgres' },
      }),
    ]);
  });

  it('drops for other reasons, flows without a port and unknown ends are counted, not compared', () => {
    const r = compare([
      flow({ verdict: 'other-dropped' }),
      flow({ protocol: undefined, port: undefined }),
      flow({ dst: { namespace: 'ghost', pod: 'nobody-1' }, flows: 2 }),
    ]);
    expect(r.section.counts).toMatchObject({
      notComparable: 1,
      unresolved: 2,
      byOutcome: { allowedForwarded: 0, unenforced: 0, droppedAllowed: 0, enforced: 0 },
    });
    expect(r.section.unresolvedExamples).toEqual(['ghost/nobody-1[pod]']);
  });

  it('leaves out flows between a pod and its own node, which Kubernetes always allows', () => {
    const r = compare([flow({ src: { ip: '10.0.0.5', host: true }, port: 9090 })]);
    expect(r.section.counts).toMatchObject({ notComparable: 1, byOutcome: { unenforced: 0 } });
  });

  it('maps ends by pod-name prefix, pod labels, and outside addresses to external peers', () => {
    const r = compare([
      flow({
        src: { namespace: 'web', pod: 'storefront-6d8f9c7b5-4xk2p' },
        dst: { namespace: 'api', labels: { app: 'orders-api', tier: 'backend', x: 'y' } },
      }),
      flow({ dst: { ip: '203.0.113.10', world: true }, port: 443, verdict: 'policy-dropped' }),
    ]);
    expect(r.section.counts.byOutcome.allowedForwarded).toBe(1);
    expect(r.section.counts.unresolved).toBe(0);
    const outside = [...r.section.enforcement, ...r.section.droppedAllowed.items];
    expect(JSON.stringify(outside)).toContain('203.0.113.10[External]');
  });
});
