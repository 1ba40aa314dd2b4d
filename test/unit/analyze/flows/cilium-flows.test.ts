// Observed flows against the Star Wars cluster's Cilium policies: rule hits and enforcement name the CRD rules.
import path from 'node:path';
import { compareFlows } from '../../../../src/analyze/flows/index.js';
import { buildReachability } from '../../../../src/analyze/reachability/index.js';
import { loadManifests } from '../../../../src/collect/manifests/load-manifests.js';
import type { FlowAggregate } from '../../../../src/model/flows.js';
import { fixedClock, repoRoot } from '../../../helpers/paths.js';

const dir = path.join(repoRoot, 'test', 'fixtures', 'cilium', 'starwars');
const to = (pod: string, verdict: FlowAggregate['verdict']): FlowAggregate => ({
  src: { namespace: 'default', pod },
  dst: { namespace: 'default', workload: { kind: 'Deployment', name: 'deathstar' } },
  protocol: 'TCP',
  port: 80,
  verdict,
  reply: false,
  flows: 1,
});

describe('comparing flows with Cilium policies', () => {
  it('counts hits on the Cilium rule that allows a flow and names the CNP that denies another', async () => {
    const snapshot = await loadManifests({
      paths: [path.join(dir, 'workloads'), path.join(dir, 'l3-l4')],
      now: fixedClock,
    });
    const obs = {
      sources: [],
      aggregates: [to('tiefighter', 'forwarded'), to('xwing', 'policy-dropped')],
      records: 2,
      malformed: 0,
      otherEvents: 0,
      warnings: [],
    };
    const { section } = compareFlows(snapshot, buildReachability(snapshot), obs);
    expect(section.ruleHits).toContainEqual({
      rule: 'CiliumNetworkPolicy/default/empire-may-land spec.ingress[0].toPorts[0]',
      hits: 1,
    });
    expect(section.enforcement.map((e) => [e.policy, e.direction, e.flows])).toEqual([
      ['CiliumClusterwideNetworkPolicy/no-probes-at-the-station', 'ingress', 1],
      ['CiliumNetworkPolicy/default/empire-may-land', 'ingress', 1],
    ]);
  });
});
