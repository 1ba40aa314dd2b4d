// The optional register fields where they change conclusions: per-country mechanisms, SCCs without a
// transfer impact assessment, controllers and DPAs, and international organisations (the EPO decision).
import { checkInventory } from '../../../src/compliance/inventory-checks.js';
import { transferGap } from '../../../src/compliance/transfers.js';
import { loadCatalogs } from '../../../src/config/load-catalogs.js';
import type { AdequacyList, Subprocessor } from '../../../src/model/compliance.js';
import { fixedClock } from '../../helpers/paths.js';
import { egress, snapshot, vendor } from './builders.js';

const emptyConnectivity = () => egress([]);

const adequacy: AdequacyList = {
  asOf: '2025-09-01',
  source: 'test',
  eea: ['DE', 'IE'],
  adequate: ['CH', 'JP'],
  frameworkOnly: { US: 'EU-US-DPF' },
  internationalOrganisations: { EPO: { name: 'European Patent Organisation', reference: 'test decision' } },
};

function findings(v: Subprocessor, list: AdequacyList = adequacy): string[] {
  return checkInventory({
    inventory: { file: 'inventory.yaml', subprocessors: [v] },
    connectivity: emptyConnectivity(),
    snapshot: snapshot(),
    adequacy: list,
    now: fixedClock(),
    maxDocumentAgeDays: 100_000,
  })
    .findings.map((f) => f.rule)
    .sort();
}

describe('register fields that change conclusions', () => {
  describe('when a country has its own mechanism', () => {
    it('relies on that one only: a US transfer declared as "adequacy" has no basis even with DPF in the list', () => {
      const v = vendor('V', {
        countries: ['US'],
        transferMechanism: ['EU-US-DPF', 'SCCs'],
        mechanismByCountry: { US: 'adequacy' },
      });
      expect(transferGap(v, adequacy).unsafe).toEqual(['US']);
      expect(findings(v)).toEqual(['transfer-without-safeguard']);
    });

    it('needs no impact assessment when it names DPF, though SCCs are declared for the vendor', () => {
      const v = vendor('V', {
        countries: ['US'],
        transferMechanism: ['EU-US-DPF', 'SCCs'],
        mechanismByCountry: { US: 'EU-US-DPF' },
      });
      expect(findings(v)).toEqual([]);
    });
  });

  describe('when a transfer relies on SCCs', () => {
    const v = vendor('V', {
      countries: ['IN'],
      transferMechanism: ['SCCs'],
      sccs: { module: 'processor-to-processor', version: '2021/914' },
    });

    it('is tia-missing without a transfer impact assessment, naming the SCC module', () => {
      const r = checkInventory({
        inventory: { file: 'inventory.yaml', subprocessors: [v] },
        connectivity: emptyConnectivity(),
        snapshot: snapshot(),
        adequacy,
        now: fixedClock(),
        maxDocumentAgeDays: 100_000,
      });
      expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['tia-missing', 'medium']]);
      expect(r.findings[0]?.message).toMatch(
        /India \(IN\) relies on SCCs or BCRs \(SCCs processor-to-processor, 2021\/914\)/,
      );
      expect(r.register[0]?.sccs).toEqual({ module: 'processor-to-processor', version: '2021/914' });
    });

    it('is no finding once the assessment date is recorded', () => {
      expect(findings({ ...v, transferImpactAssessment: '2025-06-01' })).toEqual([]);
    });
  });

  describe('when the vendor is a controller', () => {
    it('needs no Art. 28 DPA, while a processor without one is dpa-missing', () => {
      const { dpaSigned: _d, ...noDpa } = vendor('V');
      expect(findings({ ...noDpa, role: 'controller' })).toEqual([]);
      expect(findings({ ...noDpa, role: 'processor' })).toEqual(['dpa-missing']);
    });
  });

  describe('when the data goes to an international organisation', () => {
    it('needs nothing more with an adequacy decision, and a safeguard without one', () => {
      expect(findings(vendor('V', { internationalOrganisations: ['EPO'] }))).toEqual([]);
      const other = vendor('V', { internationalOrganisations: ['WIPO'] });
      expect(transferGap(other, adequacy).unsafe).toEqual(['international organisation WIPO']);
      expect(findings(other)).toEqual(['transfer-without-safeguard']);
    });

    it('counts the package list’s EPO decision (Commission Implementing Decision (EU) 2025/1382)', async () => {
      const { adequacy: list } = await loadCatalogs();
      expect(list.internationalOrganisations?.EPO?.reference).toMatch(/\(EU\) 2025\/1382 of 15 July 2025/);
      expect(transferGap(vendor('V', { internationalOrganisations: ['EPO'] }), list).unsafe).toEqual([]);
    });
  });
});
