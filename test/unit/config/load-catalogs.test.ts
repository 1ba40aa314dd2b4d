import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import { loadCatalogs } from '../../../src/config/load-catalogs.js';
import { InputError } from '../../../src/model/errors.js';
import { repoRoot } from '../../helpers/paths.js';

async function userFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-controls-'));
  const file = path.join(dir, 'mine.yaml');
  await writeFile(file, text);
  return file;
}

async function inputError(p: Promise<unknown>): Promise<InputError> {
  const e = await p.catch((err: unknown) => err);
  expect(e).toBeInstanceOf(InputError);
  expect((e as InputError).exitCode).toBe(2);
  return e as InputError;
}

describe('loadCatalogs', () => {
  describe('when only the package catalogs are loaded', () => {
    it('holds the three frameworks with the controls the issue names', async () => {
      const c = await loadCatalogs();
      const ids = (fw: string): string[] =>
        c.catalogs.find((k) => k.framework === fw)?.controls.map((x) => x.id) ?? [];
      expect(ids('soc2')).toEqual(
        expect.arrayContaining(['CC3.4', 'CC6.1', 'CC6.6', 'CC6.7', 'CC6.8', 'CC7.1', 'CC8.1', 'CC9.2']),
      );
      expect(ids('iso27001')).toEqual(
        expect.arrayContaining(['A.5.3', 'A.5.9', 'A.5.12', 'A.8.22', 'A.8.32']),
      );
      expect(ids('gdpr')).toEqual(
        expect.arrayContaining(['Art. 5(1)(f)', 'Art. 28(2)', 'Art. 32(1)(b)', 'Art. 44']),
      );
      // natural order: A.5.9 before A.5.12
      expect(ids('iso27001').indexOf('A.5.9')).toBeLessThan(ids('iso27001').indexOf('A.5.12'));
      expect(c.adequacy.frameworkOnly).toEqual({ US: 'EU-US-DPF' });
      // Brazil's decision of 26 January 2026 is listed; the UK's lapses after 27 December 2031.
      expect(c.adequacy.adequate).toContain('BR');
      expect(c.adequacy.decisions?.GB?.validUntil).toBe('2031-12-27');
      expect(c.adequacy.decisions?.US?.scope).toMatch(/Data Privacy Framework/);
      // named by their place in the package, so evidence is the same wherever the tool is installed
      expect(c.sources).toEqual([
        'netpol-evidence/controls/mapping.yaml',
        'netpol-evidence/controls/soc2.yaml',
        'netpol-evidence/controls/iso27001.yaml',
        'netpol-evidence/controls/gdpr.yaml',
        'netpol-evidence/controls/adequacy.yaml',
      ]);
    });

    it('gives every control at least one check, each with the strength mapping.yaml states', async () => {
      const c = await loadCatalogs();
      const mapping = parse(await readFile(path.join(repoRoot, 'controls', 'mapping.yaml'), 'utf8')) as {
        mappings: Record<string, Record<string, unknown>>;
      };
      // The package states every strength: no entry relies on the `supports` default of a plain list.
      for (const [rule, byFw] of Object.entries(mapping.mappings))
        for (const [fw, entry] of Object.entries(byFw))
          expect({ rule, fw, list: Array.isArray(entry) }).toEqual({ rule, fw, list: false });
      for (const cat of c.catalogs) {
        for (const ctl of cat.controls) {
          expect({ id: ctl.id, checks: ctl.checks.length > 0 }).toEqual({ id: ctl.id, checks: true });
          for (const k of ctl.checks) {
            const stated = (mapping.mappings[k]?.[cat.framework] as Record<string, string>)[ctl.id];
            expect({ id: ctl.id, k, strength: ctl.strengths[k] }).toEqual({
              id: ctl.id,
              k,
              strength: stated,
            });
          }
        }
      }
    });
  });

  describe('when a user mapping overrides a rule for one framework', () => {
    it('replaces that framework list and keeps the others', async () => {
      const file = await userFile('kind: mapping\nmappings:\n  allow-all-rule:\n    soc2: [CC6.6]\n');
      const c = await loadCatalogs([file]);
      // a plain list claims the conservative strength
      expect(c.mapping['allow-all-rule']?.filter((r) => r.framework === 'soc2')).toEqual([
        { framework: 'soc2', id: 'CC6.6', strength: 'supports' },
      ]);
      expect(c.mapping['allow-all-rule']?.some((r) => r.framework === 'iso27001')).toBe(true);
      const cc61 = c.catalogs[0]?.controls.find((x) => x.id === 'CC6.1');
      expect(cc61?.checks).not.toContain('allow-all-rule');
      expect(c.sources.at(-1)).toMatch(/mine\.yaml$/);
    });
  });

  describe('when a user mapping states strengths', () => {
    it('keeps each strength and reports an unknown one by file, line and field', async () => {
      const ok = await userFile(
        'kind: mapping\nmappings:\n  allow-all-rule:\n    soc2: { CC6.6: addresses }\n',
      );
      const c = await loadCatalogs([ok]);
      expect(c.catalogs[0]?.controls.find((x) => x.id === 'CC6.6')?.strengths['allow-all-rule']).toBe(
        'addresses',
      );
      const bad = await userFile(
        'kind: mapping\nmappings:\n  allow-all-rule:\n    soc2: { CC6.6: proves }\n',
      );
      const err = await inputError(loadCatalogs([bad]));
      expect(err.message).toMatch(/mine\.yaml:4 mappings\.allow-all-rule\.soc2/);
    });
  });

  describe('when a user catalog adds a control with its checks', () => {
    it('adds the control and maps the checks to it', async () => {
      const file = await userFile(
        'kind: catalog\nframework: soc2\nname: Acme additions\nversion: "1"\ncontrols:\n' +
          '  - id: CC6.2\n    title: Provisioning\n    statement: Access is granted on request.\n' +
          '    checks: [missing-ownership-labels]\n',
      );
      const c = await loadCatalogs([file]);
      expect(c.catalogs[0]?.controls.find((x) => x.id === 'CC6.2')?.checks).toEqual([
        'missing-ownership-labels',
      ]);
      expect(c.catalogs[0]?.name).toBe('AICPA Trust Services Criteria');
    });
  });

  describe('when a user file is wrong', () => {
    it.each([
      {
        reason: 'a mapping names a control no catalog has',
        text: 'kind: mapping\nmappings:\n  allow-all-rule:\n    iso27001: [A.8.20, A.9.99]\n',
        expected: /mine\.yaml:4 mappings\.allow-all-rule\.iso27001\[1\]: unknown iso27001 control "A\.9\.99"/,
      },
      {
        reason: 'a mapping names a check that does not exist',
        text: 'kind: mapping\nmappings:\n  allow-al-rule:\n    soc2: [CC6.1]\n',
        expected: /mine\.yaml:3 mappings\.allow-al-rule: unknown check "allow-al-rule"/,
      },
      {
        reason: 'a catalog control has no statement',
        text: 'kind: catalog\nframework: soc2\nname: x\nversion: "1"\ncontrols:\n  - id: CC1.1\n    title: t\n',
        expected: /mine\.yaml:6 controls\[0\]\.statement: is required/,
      },
      {
        reason: 'the kind is not one we know',
        text: 'kind: catalogue\n',
        expected: /mine\.yaml:1 kind: must be one of catalog, mapping, adequacy/,
      },
      {
        reason: 'the framework is not one we know',
        text: 'kind: catalog\nframework: pci\nname: x\nversion: "1"\ncontrols: []\n',
        expected: /mine\.yaml:2 framework: must be one of soc2, iso27001, gdpr/,
      },
    ])('reports file, line and field when $reason', async ({ text, expected }) => {
      const err = await inputError(loadCatalogs([await userFile(text)]));
      expect(err.message).toMatch(expected);
    });

    it('names a file that cannot be read', async () => {
      const e = await loadCatalogs(['/nonexistent/controls.yaml']).catch((err: unknown) => err);
      expect((e as Error).message).toMatch(/nonexistent\/controls\.yaml: cannot read/);
    });
  });
});
