import { workloadPeers } from '../../../src/analyze/peers.js';
import { pod, snapshotOf, type Obj } from './helpers.js';

const deployment = (name: string): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'a', labels: { owner: 'team-a' } },
  spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [] } } },
});
const replicaSet = (name: string, owner: string): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'a',
    ownerReferences: [{ kind: 'Deployment', name: owner, controller: true }],
  },
  spec: { template: { metadata: { labels: { app: owner } }, spec: { containers: [] } } },
});

const cases: { rule: string; reason: string; objects: Obj[]; ids: string[] }[] = [
  {
    rule: 'pods of one owner',
    reason: 'replicas of one controller are one peer named after the owner',
    objects: [
      pod('a', 'web-1', { app: 'web' }, [], { kind: 'ReplicaSet', name: 'web-7f' }),
      pod('a', 'web-2', { app: 'web' }, [], { kind: 'ReplicaSet', name: 'web-7f' }),
    ],
    ids: ['a/web-7f[ReplicaSet]'],
  },
  {
    rule: 'bare and static pods',
    reason: 'a pod without owner, or owned by a Node, is its own [Pod] peer',
    objects: [pod('a', 'solo', {}), pod('a', 'etcd-node1', {}, [], { kind: 'Node', name: 'node1' })],
    ids: ['a/etcd-node1[Pod]', 'a/solo[Pod]'],
  },
  {
    rule: 'owner without kind',
    reason: "the owner's name is used and the kind shows as Pod",
    objects: [pod('a', 'x-1', {}, [], { name: 'x' }), pod('a', 'x-2', { other: 'y' }, [], { name: 'x' })],
    ids: ['a/x[Pod]'],
  },
  {
    rule: 'workload without pods',
    reason: 'a workload object alone becomes a peer from its pod template',
    objects: [deployment('api')],
    ids: ['a/api[Deployment]'],
  },
  {
    rule: 'ownership chain in the snapshot',
    reason: 'ReplicaSet -> Deployment: pods and the ReplicaSet follow the chain to the top owner present',
    objects: [
      deployment('api'),
      replicaSet('api-5d', 'api'),
      pod('a', 'api-5d-x', { app: 'api' }, [], { kind: 'ReplicaSet', name: 'api-5d' }),
    ],
    ids: ['a/api[Deployment]'],
  },
];

describe('workloadPeers', () => {
  describe.each(cases)('when $rule', ({ reason, objects, ids }) => {
    it(`gives the expected peers because ${reason}`, () => {
      expect(workloadPeers(snapshotOf(objects)).map((p) => p.id)).toEqual(ids);
    });
  });

  it('keeps the pod count and the top owner labels', () => {
    const peers = workloadPeers(
      snapshotOf([
        deployment('api'),
        replicaSet('api-5d', 'api'),
        pod('a', 'api-5d-x', { app: 'api' }, [], { kind: 'ReplicaSet', name: 'api-5d' }),
        pod('a', 'api-5d-y', { app: 'api' }, [], { kind: 'ReplicaSet', name: 'api-5d' }),
      ]),
    );
    expect(peers.map((p) => [p.pods, p.objectLabels])).toEqual([[2, { owner: 'team-a' }]]);
  });
});
