import { checkInventory } from '../../../src/compliance/inventory-checks.js';
import type { AdequacyList, Subprocessor } from '../../../src/model/compliance.js';
import type { Connectivity } from '../../../src/model/connectivity.js';
import type { OtherPolicy } from '../../../src/model/snapshot.js';
import { fixedClock } from '../../helpers/paths.js';
import { egress, snapshot, vendor } from './builders.js';

const adequacy: AdequacyList = {
  asOf: '2025-09-01',
  source: 'test',
  eea: ['DE', 'IE'],
  adequate: ['CH', 'JP'],
  frameworkOnly: { US: 'EU-US-DPF' },
};

const PAYCO = vendor('PayCo', {
  endpoints: { cidrs: ['203.0.113.0/24'], hosts: [] },
  namespaces: ['payments'],
});

function run(conn: Connectivity, vendors: Subprocessor[], other: OtherPolicy[] = []) {
  return checkInventory({
    inventory: { file: 'inventory.yaml', subprocessors: vendors },
    connectivity: conn,
    snapshot: snapshot(other),
    adequacy,
    now: fixedClock(),
    maxDocumentAgeDays: 365,
  });
}

const rules = (r: ReturnType<typeof run>): string[] =>
  r.findings.map((f) => `${f.rule} ${f.resource.name}`).sort();

describe('checkInventory', () => {
  describe('when egress is matched to vendor CIDRs', () => {
    it.each([
      {
        reason: 'the allowed range is the vendor CIDR',
        edges: [['payments/gw', '203.0.113.0-203.0.113.255']] as [string, string][],
        expected: [],
      },
      {
        reason: 'the allowed range lies inside the vendor CIDR',
        edges: [['payments/gw', '203.0.113.16-203.0.113.31']] as [string, string][],
        expected: [],
      },
      {
        reason: 'the allowed range holds the vendor CIDR and more: the rest is undeclared',
        edges: [['payments/gw', '203.0.112.0-203.0.113.255']] as [string, string][],
        expected: ['undeclared-external-egress 203.0.112.0/24'],
      },
      {
        reason: 'the allowed range matches no vendor',
        edges: [['staging/preview', '192.0.2.0-192.0.2.255']] as [string, string][],
        expected: ['stale-inventory-entry PayCo', 'undeclared-external-egress 192.0.2.0/24'],
      },
      {
        reason: 'a namespace the vendor does not list reaches it',
        edges: [['api/orders', '203.0.113.0-203.0.113.255']] as [string, string][],
        expected: ['undeclared-subprocessor-egress PayCo'],
      },
      {
        reason: 'egress is open to the whole internet: that is internet egress, not a vendor match',
        edges: [
          ['api/orders', '0.0.0.0-203.0.112.255'],
          ['api/orders', '203.0.113.0-203.0.113.255'],
          ['api/orders', '203.0.114.0-255.255.255.255'],
        ] as [string, string][],
        expected: ['stale-inventory-entry PayCo'],
      },
    ])('finds what it should when $reason', ({ edges, expected }) => {
      expect(rules(run(egress(edges), [PAYCO]))).toEqual(expected);
    });

    it('lists in the register who reaches the vendor, and who only through open egress', () => {
      const r = run(
        egress([
          ['payments/gw', '203.0.113.0-203.0.113.255'],
          ['api/orders', '0.0.0.0-203.0.112.255'],
          ['api/orders', '203.0.113.0-203.0.113.255'],
          ['api/orders', '203.0.114.0-255.255.255.255'],
        ]),
        [PAYCO],
      );
      expect(r.register[0]).toMatchObject({
        name: 'PayCo',
        reachableFrom: ['payments/gw[Deployment]'],
        reachableViaOpenEgress: ['api/orders[Deployment]'],
        findingIds: [],
      });
    });

    it('raises one finding per undeclared range, with every source as a pair', () => {
      const r = run(
        egress([
          ['staging/a', '192.0.2.0-192.0.2.255'],
          ['staging/b', '192.0.2.0-192.0.2.255'],
        ]),
        [],
      );
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]?.pairs?.map((p) => p.src)).toEqual([
        'staging/a[Deployment]',
        'staging/b[Deployment]',
      ]);
      expect(r.findings[0]?.pairCount).toBe(2);
    });
  });

  describe('when a vendor is inactive but still reachable', () => {
    it('is an undeclared sub-processor of high severity, and has no document findings', () => {
      const old = { ...PAYCO, status: 'inactive' as const, dpaSigned: '2020-01-01' };
      const r = run(egress([['payments/gw', '203.0.113.0-203.0.113.255']]), [old]);
      expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([
        ['undeclared-subprocessor-egress', 'high'],
      ]);
    });
  });

  describe('when CNI policies allow hostnames', () => {
    const cilium: OtherPolicy = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      namespace: 'monitoring',
      name: 'logs',
      spec: {
        egress: [
          { toFQDNs: [{ matchName: 'eu.ingest.observeco.example' }, { matchPattern: '*.unknown.example' }] },
        ],
      },
    };
    const calico: OtherPolicy = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      namespace: 'payments',
      name: 'payco',
      spec: { egress: [{ action: 'Allow', destination: { domains: ['api.payco.example'] } }] },
    };
    const observe = vendor('ObserveCo', {
      endpoints: { cidrs: [], hosts: ['*.ingest.observeco.example'] },
      namespaces: ['monitoring'],
    });
    const payco = { ...PAYCO, endpoints: { cidrs: [], hosts: ['api.payco.example'] } };

    it('matches them to vendor hostnames (patterns both ways) and reports the rest', () => {
      const r = run(egress([]), [observe, payco], [cilium, calico]);
      expect(rules(r)).toEqual(['undeclared-external-egress *.unknown.example']);
      expect(r.register.map((v) => [v.name, v.hostPolicies])).toEqual([
        ['ObserveCo', ['monitoring/logs[CiliumNetworkPolicy]']],
        ['PayCo', ['payments/payco[NetworkPolicy]']],
      ]);
    });
  });

  describe('when a vendor declares only hostnames', () => {
    const hostsOnly = vendor('MailCo', { endpoints: { cidrs: [], hosts: ['smtp.mailco.example'] } });
    const fqdn: OtherPolicy = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      namespace: 'api',
      name: 'other',
      spec: { egress: [{ toFQDNs: [{ matchName: 'api.payco.example' }] }] },
    };

    it('is not called stale when no policy in the snapshot can name hosts', () => {
      expect(rules(run(egress([]), [hostsOnly]))).toEqual([]);
    });

    it('is called stale when hostname policies exist and none names it', () => {
      expect(rules(run(egress([]), [hostsOnly], [fqdn]))).toEqual([
        'stale-inventory-entry MailCo',
        'undeclared-external-egress api.payco.example',
      ]);
    });
  });

  describe('when transfers and documents are checked', () => {
    it.each([
      { reason: 'an EEA country', over: { countries: ['DE'] }, expected: [] },
      {
        reason: 'an adequate country',
        over: { countries: ['JP'], transferMechanism: ['adequacy' as const] },
        expected: [],
      },
      {
        reason: 'the US with DPF',
        over: { countries: ['US'], transferMechanism: ['EU-US-DPF' as const] },
        expected: [],
      },
      {
        reason: 'the US claiming adequacy without DPF',
        over: { countries: ['US'], transferMechanism: ['adequacy' as const] },
        expected: ['transfer-without-safeguard high'],
      },
      {
        reason: 'India under SCCs with a transfer impact assessment',
        over: {
          countries: ['IN'],
          transferMechanism: ['SCCs' as const],
          transferImpactAssessment: '2025-06-01',
        },
        expected: [],
      },
      {
        reason: 'India under SCCs without a transfer impact assessment',
        over: { countries: ['IN'], transferMechanism: ['SCCs' as const] },
        expected: ['tia-missing medium'],
      },
      {
        reason: 'India on a derogation only (a recurring service, not an occasional transfer)',
        over: { countries: ['IN'], transferMechanism: ['Art49-derogation' as const] },
        expected: ['transfer-without-safeguard high'],
      },
      {
        reason: 'an old DPA (DPAs do not expire) and a review older than the limit',
        over: { dpaSigned: '2020-12-01', lastReviewed: '2025-01-14' },
        expected: ['review-due low'],
      },
      {
        reason: 'no DPA recorded at all',
        over: { dpaSigned: undefined },
        expected: ['dpa-missing high'],
      },
      { reason: 'a review exactly at the limit', over: { lastReviewed: '2025-01-15' }, expected: [] },
    ])('finds what it should for $reason', ({ over, expected }) => {
      const r = run(egress([]), [vendor('V', over)]);
      expect(r.findings.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual(expected);
    });
  });

  describe('when an adequacy decision has a validUntil date', () => {
    const withDecision: AdequacyList = {
      ...adequacy,
      adequate: ['GB'],
      decisions: { GB: { reference: 'Decision (EU) 2025/1882', validUntil: '2031-12-27' } },
    };
    const uk = vendor('UkCo', { countries: ['GB'], transferMechanism: ['adequacy'] });
    const at = (day: string) =>
      checkInventory({
        inventory: { file: 'inventory.yaml', subprocessors: [uk] },
        connectivity: egress([]),
        snapshot: snapshot(),
        adequacy: withDecision,
        now: new Date(`${day}T12:00:00Z`),
        maxDocumentAgeDays: 100_000,
      }).findings.map((f) => f.rule);

    it('counts the decision through that day, and not after it', () => {
      expect(at('2031-12-27')).toEqual([]);
      expect(at('2031-12-28')).toEqual(['transfer-without-safeguard']);
    });
  });
});
