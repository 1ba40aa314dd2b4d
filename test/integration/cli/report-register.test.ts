// The fuller sub-processor register through the real report command: the example inventory's optional
// fields reach evidence.json and the HTML register, a transfer relying on SCCs without a TIA is a finding,
// and a malformed optional field is an input error naming file, line and field.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const inventory = path.join(repoRoot, 'examples', 'inventory.yaml');
const epoch = { SOURCE_DATE_EPOCH: '1768471200' }; // 2026-01-15T10:00:00Z

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'npe-register-cli-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

function report(inv: string) {
  return runBuiltCli(
    ['report', '--manifests', demo, '--unsigned', '--formats', 'html,json', '--out', tmp, '--inventory', inv],
    { env: epoch },
  );
}

describe('report --inventory with the optional register fields', () => {
  it('records them, shows them in the register and raises tia-missing for SCCs without an assessment', async () => {
    const r = await report(inventory);
    expect(r.code).toBe(0);
    const dir = r.stdout.trim().split('\n').pop() ?? '';
    const ev = JSON.parse(await readFile(path.join(dir, 'evidence.json'), 'utf8')) as {
      register: { name: string; role?: string; sccs?: object; mechanismByCountry?: object }[];
      findings: { rule: string; resource: { name: string } }[];
    };
    const observe = ev.register.find((v) => v.name === 'ObserveCo');
    expect(observe).toMatchObject({
      role: 'sub-processor',
      sccs: { module: 'processor-to-processor', version: '2021/914' },
    });
    expect(ev.register.find((v) => v.name === 'PayCo')?.mechanismByCountry).toEqual({ US: 'EU-US-DPF' });
    const tia = ev.findings.filter((f) => f.rule === 'tia-missing').map((f) => f.resource.name);
    // PayCo declares SCCs too, but its US transfer relies on DPF only (mechanismByCountry): no TIA needed.
    expect(tia).toEqual(['ObserveCo']);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    // Dates are wrapped in no-break spans; read the section's text for the sentences.
    const register = (/<section[^>]*id="register"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '').replace(
      /<span class="nobr">([^<]*)<\/span>/g,
      '$1',
    );
    expect(register).toMatch(/SCCs processor-to-processor, 2021\/914/);
    expect(register).toMatch(/per country: US EU-US-DPF/);
    expect(register).toMatch(/processor; DPA DPA-2025-014 2025-09-01/);
    expect(register).toMatch(/onward: CardVault Inc\. \(US\)/);
    expect(register).toMatch(/Retention: 13 months after the transaction/);
  });

  it('refuses a per-country mechanism for a country the vendor does not list, naming file, line and field', async () => {
    const text = (await readFile(inventory, 'utf8')).replace(
      'mechanismByCountry: { US: EU-US-DPF }',
      'mechanismByCountry: { BR: adequacy }',
    );
    const bad = path.join(tmp, 'inventory.yaml');
    await writeFile(bad, text);
    const line = text.split('\n').findIndex((l) => l.includes('BR: adequacy')) + 1;
    const r = await report(bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `inventory.yaml:${line} subprocessors[0].mechanismByCountry.BR: "BR" is not one of the vendor's countries (IE, US)`,
    );
  });
});
