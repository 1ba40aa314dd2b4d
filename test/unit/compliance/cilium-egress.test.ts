// The register's egress matching over Cilium policies: their CIDR allows and denies decide what reaches a vendor.
import { analyzeReachability } from '../../../src/analyze/reachability/index.js';
import { matchEgress } from '../../../src/compliance/egress-match.js';
import { cnp, netpol, ns, pod, snapshotOf } from '../analyze/helpers.js';
import { vendor } from './builders.js';

const PAYCO = vendor('PayCo', {
  endpoints: { cidrs: ['203.0.113.0/24'], hosts: [] },
  namespaces: ['payments'],
});
const cluster = [ns('payments'), pod('payments', 'gw', { app: 'gw' })];

describe('egress matching over Cilium policies', () => {
  describe('when a CNP allows egress to the vendor CIDR only', () => {
    it('counts the workload as reaching the vendor and finds no undeclared destination', () => {
      const conn = analyzeReachability(
        snapshotOf([
          ...cluster,
          cnp('payments', 'out', { endpointSelector: {}, egress: [{ toCIDR: ['203.0.113.0/24'] }] }),
        ]),
      );
      const m = matchEgress(conn, [PAYCO]);
      expect([...(m.reach.get('PayCo')?.reachableFrom ?? [])]).toEqual(['payments/gw[Pod]']);
      expect([...m.undeclared.keys()]).toEqual([]);
    });
  });

  describe('when an egressDeny takes half of the vendor CIDR away from a NetworkPolicy allow', () => {
    it('matches only the half that stays reachable', () => {
      const conn = analyzeReachability(
        snapshotOf([
          ...cluster,
          netpol('payments', 'np', {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }],
          }),
          cnp('payments', 'deny', { endpointSelector: {}, egressDeny: [{ toCIDR: ['203.0.113.0/25'] }] }),
        ]),
      );
      const m = matchEgress(conn, [PAYCO]);
      expect(m.reach.get('PayCo')?.pairs.map((p) => p.src)).toEqual(['payments/gw[Pod]']);
      expect([...conn.connections].filter((c) => c.src === 'payments/gw[Pod]').map((c) => c.dst)).toEqual([
        '203.0.113.128-203.0.113.255[External]',
      ]);
    });
  });
});
