import { diffPolicies, policyVersions } from '../../../src/diff/policies.js';
import { cnp } from '../analyze/calico-helpers.js';
import { base, netpol, snapshotOf } from '../analyze/helpers.js';

describe('diff over Calico policies', () => {
  describe('when a Kubernetes and a Calico NetworkPolicy share a name', () => {
    it('keys them apart', () => {
      const s = snapshotOf([
        ...base,
        netpol('a', 'p', { podSelector: {} }),
        cnp('a', 'p', { selector: 'all()' }),
      ]);
      expect([...policyVersions(s).keys()].sort()).toEqual(['Calico NetworkPolicy a/p', 'NetworkPolicy a/p']);
    });
  });

  describe('when one side holds the v1 CRD (default. prefix) and the other the v3 object', () => {
    it('compares them as one policy, field by field', () => {
      const v1 = snapshotOf([
        ...base,
        cnp('a', 'default.p', { selector: 'all()', order: 10 }, 'crd.projectcalico.org/v1'),
      ]);
      const v3 = snapshotOf([...base, cnp('a', 'p', { selector: 'all()', order: 20 })]);
      expect(diffPolicies(policyVersions(v1), policyVersions(v3))).toEqual([
        {
          policy: 'Calico NetworkPolicy a/p',
          change: 'changed',
          fields: [expect.objectContaining({ path: 'spec.order' })],
        },
      ]);
    });
  });
});
