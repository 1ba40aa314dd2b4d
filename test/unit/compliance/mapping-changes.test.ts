// One test per change the auditor review made to the crosswalk (docs/controls.md, "How the crosswalk was refined").
import { controlStatus } from '../../../src/compliance/index.js';
import { loadCatalogs } from '../../../src/config/load-catalogs.js';
import type { Catalogs, MappingStrength } from '../../../src/model/compliance.js';
import type { Framework } from '../../../src/model/finding.js';

let catalogs: Catalogs;
beforeAll(async () => {
  catalogs = await loadCatalogs();
});

const mapped = (rule: string, fw: Framework): Record<string, MappingStrength> =>
  Object.fromEntries(
    (catalogs.mapping[rule] ?? []).filter((r) => r.framework === fw).map((r) => [r.id, r.strength]),
  );
const control = (fw: Framework, id: string) =>
  catalogs.catalogs.find((c) => c.framework === fw)?.controls.find((c) => c.id === id);
const rulesMappedTo = (fw: Framework, id: string): string[] =>
  Object.keys(catalogs.mapping).filter((r) => mapped(r, fw)[id] !== undefined);

describe('the package crosswalk', () => {
  describe('when egress data is all a check sees', () => {
    it('no longer claims contractual flow-down (Art. 28(4)) or supply-chain management (A.5.21)', () => {
      expect(rulesMappedTo('gdpr', 'Art. 28(4)')).toEqual([]);
      expect(rulesMappedTo('iso27001', 'A.5.21')).toEqual([]);
      expect(control('gdpr', 'Art. 28(4)')).toBeUndefined();
      expect(control('iso27001', 'A.5.21')).toBeUndefined();
    });

    it('maps supplier agreements (A.5.20) only from the DPA check, as supporting evidence', () => {
      expect(rulesMappedTo('iso27001', 'A.5.20')).toEqual(['dpa-missing']);
      expect(mapped('dpa-missing', 'iso27001')['A.5.20']).toBe('supports');
      expect(mapped('undeclared-subprocessor-egress', 'iso27001')['A.5.20']).toBeUndefined();
    });
  });

  describe('when a check is static configuration, not runtime monitoring', () => {
    it('maps undeclared egress to CC7.1 instead of CC7.2', () => {
      expect(mapped('undeclared-external-egress', 'soc2')).toHaveProperty(['CC7.1']);
      expect(rulesMappedTo('soc2', 'CC7.2')).toEqual([]);
      expect(control('soc2', 'CC7.2')).toBeUndefined();
    });

    it('maps drift to A.8.9 instead of A.8.16', () => {
      for (const r of ['drift-missing-in-cluster', 'drift-not-in-git', 'drift-modified']) {
        expect(mapped(r, 'iso27001')).toEqual({ 'A.8.9': 'supports', 'A.8.32': 'supports' });
      }
      expect(control('iso27001', 'A.8.16')).toBeUndefined();
    });
  });

  describe('when drift is found', () => {
    it('is evidence against Art. 32(1)(b), not against regular testing (Art. 32(1)(d))', () => {
      for (const r of ['drift-missing-in-cluster', 'drift-not-in-git', 'drift-modified']) {
        expect(mapped(r, 'gdpr')).toEqual({ 'Art. 32(1)(b)': 'supports' });
      }
    });
  });

  describe('when a path crosses namespaces', () => {
    it('gives evidence for A.8.31 only through cross-environment-path', () => {
      expect(rulesMappedTo('iso27001', 'A.8.31')).toEqual(['cross-environment-path']);
      expect(mapped('cross-namespace-path', 'iso27001')['A.8.31']).toBeUndefined();
    });
  });

  describe('when a vendor may receive data it is not authorised for', () => {
    it('counts undeclared external egress and open egress against Art. 28(2)', () => {
      expect(rulesMappedTo('gdpr', 'Art. 28(2)').sort()).toEqual([
        'internet-egress',
        'undeclared-external-egress',
        'undeclared-subprocessor-egress',
      ]);
    });
  });

  describe('when the SOC 2 wording is read against the criteria', () => {
    it('titles CC6.8 for unauthorised or malicious software', () => {
      expect(control('soc2', 'CC6.8')?.title).toBe(
        'Prevention or detection of unauthorised or malicious software',
      );
    });

    it('summarises CC6.6 as the boundary and CC6.7 as movement of information', () => {
      expect(control('soc2', 'CC6.6')?.statement).toMatch(/outside the system boundary/);
      expect(control('soc2', 'CC6.7')?.statement).toMatch(/internal and external users and processes/);
    });
  });

  describe('when vendor and transfer checks run', () => {
    it('also give evidence for Art. 49, A.5.23 and A.5.31', () => {
      expect(mapped('transfer-without-safeguard', 'gdpr')).toHaveProperty(['Art. 49']);
      expect(rulesMappedTo('iso27001', 'A.5.23').sort()).toEqual([
        'review-due',
        'undeclared-subprocessor-egress',
      ]);
      expect(rulesMappedTo('iso27001', 'A.5.31').sort()).toEqual([
        'dpa-missing',
        'tia-missing',
        'transfer-without-safeguard',
      ]);
    });
  });

  describe('when a control depends on more than network data', () => {
    it('maps every change-management, vendor and GDPR check as supporting evidence only', () => {
      const changeAndVendor = [
        'change-without-review',
        'unsigned-change',
        'same-author-approver',
        'no-change-evidence',
        'stale-inventory-entry',
        'transfer-without-safeguard',
        'dpa-missing',
        'review-due',
        'expired-exception',
      ];
      for (const r of changeAndVendor)
        for (const ref of catalogs.mapping[r] ?? [])
          expect({ r, ...ref }).toEqual({ r, ...ref, strength: 'supports' });
      for (const [r, refs] of Object.entries(catalogs.mapping))
        for (const ref of refs.filter((x) => x.framework === 'gdpr'))
          expect({ r, ...ref }).toEqual({ r, ...ref, strength: 'supports' });
    });
  });

  describe('when the only review evidence is a commit message (a "(#7)" subject or a trailer)', () => {
    it('never satisfies change approval (CC8.1) or segregation of duties (A.5.3): at best supported', () => {
      // Message-inferred review makes change-without-review and same-author-approver pass; both only support.
      for (const [fw, id] of [
        ['soc2', 'CC8.1'],
        ['iso27001', 'A.5.3'],
      ] as const) {
        const c = control(fw, id);
        // Only the approval verified with the Git host addresses them; it runs only with --review-host.
        expect(c?.checks.filter((k) => c.strengths[k] === 'addresses')).toEqual(['change-without-approval']);
        const ran = [
          'change-without-review',
          'same-author-approver',
          'unsigned-change',
          'no-change-evidence',
        ];
        expect(
          controlStatus(
            ran.filter((k) => c?.checks.includes(k)),
            [],
            c?.strengths,
          ),
        ).toBe('supported');
      }
    });

    it('satisfies them once the Git host verified an independent approval for every change', () => {
      for (const [fw, id] of [
        ['soc2', 'CC8.1'],
        ['iso27001', 'A.5.3'],
      ] as const) {
        const c = control(fw, id);
        const ran = ['change-without-review', 'same-author-approver', 'change-without-approval'];
        expect(
          controlStatus(
            ran.filter((k) => c?.checks.includes(k)),
            [],
            c?.strengths,
          ),
        ).toBe('satisfied');
      }
    });
  });
});
