import { analyzeSnapshot } from '../../../../src/analyze/index.js';
import { cnp, gnp, tier } from '../calico-helpers.js';
import { base, snapshotOf, type Obj } from '../helpers.js';

function findings(
  objects: Obj[],
  rule: string,
): { resource: string; message: string; explanation: string }[] {
  return analyzeSnapshot(snapshotOf([...base, ...objects]))
    .findings.filter((f) => f.rule === rule)
    .map((f) => ({
      resource: `${f.resource.kind} ${f.resource.namespace ?? ''}/${f.resource.name}`,
      message: f.message,
      explanation: f.explanation ?? '',
    }));
}

function coverage(
  objects: Obj[],
  namespace: string,
): { ingress: readonly string[]; egress: readonly string[] } {
  const c = analyzeSnapshot(snapshotOf([...base, ...objects])).coverage.find(
    (x) => x.namespace === namespace,
  );
  return { ingress: c?.ingressDenyPolicies ?? [], egress: c?.egressDenyPolicies ?? [] };
}

describe('finding rules over Calico policies', () => {
  describe('when a Calico policy selector has a typo', () => {
    it('is policy-selects-nothing, naming the kind, the policy and its selector', () => {
      const f = findings([cnp('a', 'p', { selector: "app == 'sever'" })], 'policy-selects-nothing');
      expect(f).toEqual([
        {
          resource: 'NetworkPolicy.projectcalico.org a/p',
          message: 'Calico NetworkPolicy a/p selects no workload, so it protects nothing.',
          explanation: `Calico NetworkPolicy a/p spec.selector "app == 'sever'" matches no pod in namespace a.`,
        },
      ]);
    });
  });

  describe('when a rule selector matches no pod and no network set', () => {
    it('is peer-matches-nothing, naming the rule index and side', () => {
      const f = findings(
        [
          gnp('g', {
            selector: "app == 'server'",
            ingress: [{ action: 'Allow', source: { selector: "app == 'clinet'" } }],
          }),
        ],
        'peer-matches-nothing',
      );
      expect(f.map((x) => x.explanation)).toEqual([
        'Calico GlobalNetworkPolicy g spec.ingress[0].source: no pod or network set matches',
      ]);
    });
  });

  describe('when an Allow rule has no source', () => {
    it('is allow-all-rule (high, ingress), naming the rule', () => {
      const f = findings(
        [cnp('a', 'p', { selector: "app == 'server'", ingress: [{ action: 'Allow' }] })],
        'allow-all-rule',
      );
      expect(f).toHaveLength(1);
      expect(f[0]?.explanation).toBe(
        'Calico NetworkPolicy a/p spec.ingress[0]: no source, destination or protocol, so it allows everything',
      );
      expect(f[0]?.message).toMatch(
        /^Calico NetworkPolicy a\/p has a rule that allows any source; it reaches \d+ pairs\.$/,
      );
    });
  });

  describe('when a workload reaches the internet through a Calico Allow', () => {
    it('internet-egress names the Calico rule that allows it', () => {
      const f = findings(
        [
          cnp('a', 'p', {
            selector: "app == 'client'",
            types: ['Egress'],
            egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }],
          }),
        ],
        'internet-egress',
      ).filter((x) => x.resource.includes('client'));
      expect(f.map((x) => x.explanation)).toEqual([
        'a/client[Pod]: allowed by Calico NetworkPolicy a/p spec.egress[0]',
      ]);
    });
  });
});

describe('coverage with Calico policies', () => {
  describe('when a policy selects all() with no rules', () => {
    it('is a default deny for its namespace and direction', () => {
      expect(coverage([cnp('a', 'deny', { selector: 'all()' })], 'a')).toEqual({
        ingress: ['Calico NetworkPolicy a/deny'],
        egress: [],
      });
    });
  });

  describe('when a global policy covers the namespace through namespaceSelector', () => {
    it('counts for namespaces it covers only', () => {
      const g = gnp('deny', { selector: 'all()', namespaceSelector: "team == 'x'", types: ['Egress'] });
      expect(coverage([g], 'a').egress).toEqual(['Calico GlobalNetworkPolicy deny']);
      expect(coverage([g], 'b').egress).toEqual([]);
    });
  });

  describe('when the policy passes everything, or its tier passes what it leaves', () => {
    it('is not a default deny', () => {
      expect(
        coverage([cnp('a', 'pass', { selector: 'all()', ingress: [{ action: 'Pass' }] })], 'a').ingress,
      ).toEqual([]);
      expect(
        coverage(
          [
            tier('t', { order: 10, defaultAction: 'Pass' }),
            cnp('a', 't.deny', { tier: 't', selector: 'all()' }),
          ],
          'a',
        ).ingress,
      ).toEqual([]);
    });
  });
});
