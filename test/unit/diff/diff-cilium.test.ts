import { diffPolicies, policyVersions } from '../../../src/diff/policies.js';
import { ccnp, cnp, snapshotOf } from '../analyze/helpers.js';

describe('diff of Cilium policies between two snapshots', () => {
  it('names the changed field of a CNP and a rule of a CCNP specs list', () => {
    const before = snapshotOf([
      cnp('shop', 'web', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80' }] }] }] }),
      {
        ...ccnp('all', {}),
        spec: undefined,
        specs: [{ endpointSelector: {}, egress: [{ toEntities: ['world'] }] }],
      },
    ]);
    const after = snapshotOf([
      cnp('shop', 'web', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '8080' }] }] }] }),
      {
        ...ccnp('all', {}),
        spec: undefined,
        specs: [{ endpointSelector: {}, egress: [{ toEntities: ['cluster'] }] }],
      },
    ]);
    const changes = diffPolicies(policyVersions(before), policyVersions(after));
    expect(changes.map((c) => [c.policy, c.change, c.fields.map((f) => f.path)])).toEqual([
      ['CiliumClusterwideNetworkPolicy all', 'changed', ['specs[0].egress[0].toEntities[0]']],
      ['CiliumNetworkPolicy shop/web', 'changed', ['spec.ingress[0].toPorts[0].ports[0].port']],
    ]);
  });
});
