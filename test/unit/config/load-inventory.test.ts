import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadInventory } from '../../../src/config/load-inventory.js';
import { InputError } from '../../../src/model/errors.js';
import { repoRoot } from '../../helpers/paths.js';

async function file(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-inventory-'));
  const f = path.join(dir, 'inventory.yaml');
  await writeFile(f, text);
  return f;
}

const vendor = `subprocessors:
  - name: PayCo
    purpose: Payments
    dataCategories: [payment]
    countries: [IE]
    transferMechanism: EEA
    dpaSigned: '2025-01-01'
    lastReviewed: '2025-01-01'
    status: active
    endpoints:
      cidrs: [203.0.113.0/24]
    namespaces: [payments]
`;

describe('loadInventory', () => {
  describe('when the documented example is read', () => {
    it('gives every vendor with its endpoints, a list of mechanisms and where it was declared', async () => {
      const inv = await loadInventory(path.join(repoRoot, 'examples', 'inventory.yaml'));
      expect(inv.subprocessors.map((v) => v.name)).toEqual(['PayCo', 'ObserveCo', 'MailCo', 'HelpDesk']);
      const payco = inv.subprocessors[0];
      expect(payco?.transferMechanism).toEqual(['EU-US-DPF', 'SCCs']);
      expect(payco?.endpoints).toEqual({ cidrs: ['203.0.113.0/24'], hosts: ['api.payco.example'] });
      expect(payco?.origin).toMatch(/examples\/inventory\.yaml:27$/);
      expect(inv.subprocessors[1]?.transferMechanism).toEqual(['EEA', 'SCCs']);
      expect(inv.subprocessors[3]?.endpoints).toEqual({ cidrs: [], hosts: [] });
    });
  });

  describe('when a vendor records the optional register fields', () => {
    it('reads role, DPA reference, SCCs, TIA, per-country mechanisms, organisations, onward recipients, subjects and retention', async () => {
      const more = `    role: sub-processor
    dpaReference: DPA-7
    sccs: { module: processor-to-processor, version: '2021/914' }
    transferImpactAssessment: '2025-02-01'
    mechanismByCountry: { IE: EEA }
    internationalOrganisations: [EPO]
    onwardSubprocessors:
      - { name: Vault, countries: [US] }
    dataSubjects: [customers]
    retention: 30 days
`;
      const inv = await loadInventory(await file(vendor + more));
      expect(inv.subprocessors[0]).toMatchObject({
        role: 'sub-processor',
        dpaReference: 'DPA-7',
        sccs: { module: 'processor-to-processor', version: '2021/914' },
        transferImpactAssessment: '2025-02-01',
        mechanismByCountry: { IE: 'EEA' },
        internationalOrganisations: ['EPO'],
        onwardSubprocessors: [{ name: 'Vault', countries: ['US'] }],
        dataSubjects: ['customers'],
        retention: '30 days',
      });
      const plain = await loadInventory(await file(vendor));
      expect(Object.keys(plain.subprocessors[0] ?? {})).not.toContain('role');
    });

    it('shows the example with them', async () => {
      const inv = await loadInventory(path.join(repoRoot, 'examples', 'inventory.yaml'));
      expect(inv.subprocessors[0]).toMatchObject({
        role: 'processor',
        mechanismByCountry: { US: 'EU-US-DPF' },
      });
      expect(inv.subprocessors[1]).toMatchObject({
        sccs: { module: 'processor-to-processor', version: '2021/914' },
      });
    });
  });

  describe('when a vendor has no DPA recorded', () => {
    it('reads it (the missing DPA is a dpa-missing finding, not an input error)', async () => {
      const inv = await loadInventory(await file(vendor.replace("    dpaSigned: '2025-01-01'\n", '')));
      expect(inv.subprocessors[0]?.name).toBe('PayCo');
      expect(inv.subprocessors[0]?.dpaSigned).toBeUndefined();
    });
  });

  describe('when the file is malformed', () => {
    it.each([
      {
        reason: 'a required field is missing',
        text: vendor.replace("    lastReviewed: '2025-01-01'\n", ''),
        expected: /inventory\.yaml:2 subprocessors\[0\]\.lastReviewed: is required/,
      },
      {
        reason: 'the transfer mechanism is not one we know',
        text: vendor.replace('transferMechanism: EEA', 'transferMechanism: contract'),
        expected:
          /inventory\.yaml:6 subprocessors\[0\]\.transferMechanism: must be one of EEA, adequacy, EU-US-DPF, SCCs, BCRs, Art49-derogation, or a list of them/,
      },
      {
        reason: 'a date is not a date',
        text: vendor.replace("dpaSigned: '2025-01-01'", 'dpaSigned: last spring'),
        expected: /inventory\.yaml:7 subprocessors\[0\]\.dpaSigned: must be a date \(YYYY-MM-DD\)/,
      },
      {
        reason: 'a CIDR does not parse',
        text: vendor.replace('203.0.113.0/24', '203.0.113.0/33'),
        expected:
          /inventory\.yaml:11 subprocessors\[0\]\.endpoints\.cidrs\[0\]: "203\.0\.113\.0\/33" is not a CIDR/,
      },
      {
        reason: 'a country is not an ISO code',
        text: vendor.replace('countries: [IE]', 'countries: [Ireland]'),
        expected: /inventory\.yaml:5 subprocessors\[0\]\.countries\[0\]: must match pattern/,
      },
      {
        reason: 'a field is misspelt',
        text: vendor.replace('namespaces:', 'namespace:'),
        expected: /inventory\.yaml:12 subprocessors\[0\]\.namespace: is not a known field/,
      },
      {
        reason: 'two vendors share a name',
        text: vendor + vendor.replace('subprocessors:\n', ''),
        expected: /inventory\.yaml:13 subprocessors\[1\]\.name: duplicate name "PayCo"/,
      },
      {
        reason: 'a per-country mechanism names a country the vendor does not list',
        text: `${vendor}    mechanismByCountry:\n      US: SCCs\n`,
        expected:
          /inventory\.yaml:14 subprocessors\[0\]\.mechanismByCountry\.US: "US" is not one of the vendor's countries \(IE\)/,
      },
      {
        reason: 'the SCC module is not one of the four',
        text: `${vendor}    sccs: { module: module-2, version: '2021/914' }\n`,
        expected:
          /inventory\.yaml:13 subprocessors\[0\]\.sccs\.module: must be one of controller-to-controller/,
      },
      {
        reason: 'the role is not one we know',
        text: `${vendor}    role: vendor\n`,
        expected:
          /inventory\.yaml:13 subprocessors\[0\]\.role: must be one of processor, sub-processor, controller/,
      },
      {
        reason: 'the transfer impact assessment date is not a date',
        text: `${vendor}    transferImpactAssessment: done\n`,
        expected: /inventory\.yaml:13 subprocessors\[0\]\.transferImpactAssessment: must be a date/,
      },
      {
        reason: 'the YAML does not parse',
        text: 'subprocessors:\n  - name: [unclosed\n',
        expected: /inventory\.yaml:\d+: not valid YAML/,
      },
    ])('is an input error naming file, line and field when $reason', async ({ text, expected }) => {
      const err = await loadInventory(await file(text)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).exitCode).toBe(2);
      expect((err as InputError).message).toMatch(expected);
    });
  });
});
