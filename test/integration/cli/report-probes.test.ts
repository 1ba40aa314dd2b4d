// report --probes: results of `probe run` in evidence.json (schema-valid), in the findings and controls, and in
// the Enforcement section of the HTML report.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Evidence } from '../../../src/model/evidence.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const addFormats = addFormatsModule.default;
const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const results = path.join('test', 'fixtures', 'probes', 'demo-results.json');
const epoch = { SOURCE_DATE_EPOCH: '1768471200' };

async function report(args: string[]): Promise<{ code: number; dir: string; stderr: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-probes-cli-'));
  const r = await runBuiltCli(
    ['report', '--manifests', demo, '--unsigned', '--formats', 'html,json', '--out', out, ...args],
    { env: epoch },
  );
  return { code: r.code, dir: r.stdout.trim().split('\n').pop() ?? '', stderr: r.stderr };
}

describe('report --probes', () => {
  it('records each probe with its outcome, makes the contradictions findings and shows them', async () => {
    const r = await report(['--probes', results, '--fail-on', 'critical']);
    expect(r.code).toBe(1);
    const e = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as Evidence;
    expect(e.probes?.sources).toEqual([
      expect.objectContaining({
        path: results,
        server: 'https://prod.example.org:6443',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(e.probes?.counts).toMatchObject({
      total: 6,
      enforced: 1,
      unenforced: 1,
      'dropped-allowed': 1,
      error: 1,
    });
    expect(e.checksRun).toEqual(expect.arrayContaining(['unenforced-flow', 'dropped-allowed-flow']));
    const f = e.findings.find((x) => x.rule === 'unenforced-flow');
    expect(f).toMatchObject({
      severity: 'critical',
      resource: { kind: 'StatefulSet', namespace: 'postgres', name: 'postgres' },
    });
    expect(f?.controls).toEqual(expect.arrayContaining([{ framework: 'soc2', id: 'CC6.1' }]));

    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(await readFile(path.join(repoRoot, 'docs/evidence.schema.json'), 'utf8')) as object,
    );
    validate(e);
    expect(validate.errors ?? []).toEqual([]);

    const html = await readFile(path.join(r.dir, 'report.html'), 'utf8');
    expect(html).toContain('Active probes');
    expect(html).toContain('Probe results (contradictions first)');
    expect(html).toMatch(
      /api\/orders-api\[Deployment\] \(api\/orders-api-7b9d6c5f4-q8m2z\)[\s\S]*postgres\/postgres\[StatefulSet\] \(10\.244\.3\.12\)/,
    );
    expect(html).toContain('ImagePullBackOff');
  });

  it('reads probes: from the config file, relative to the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-probes-config-'));
    await writeFile(path.join(dir, 'probes.json'), await readFile(path.join(repoRoot, results)));
    await writeFile(path.join(dir, 'config.yaml'), 'probes: [probes.json]\n');
    const r = await report(['--config', path.join(dir, 'config.yaml')]);
    expect(r.code).toBe(0);
    const e = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as Evidence;
    expect(e.probes?.sources.map((s) => s.path)).toEqual([path.join(dir, 'probes.json')]);
    expect(e.probes?.counts.total).toBe(6);
  });

  it('refuses a results file that does not follow the schema (exit 2, file and field named)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-probes-bad-'));
    const bad = path.join(dir, 'results.json');
    const doc = JSON.parse(await readFile(path.join(repoRoot, results), 'utf8')) as {
      results: Record<string, unknown>[];
    };
    doc.results[2]!.observed = 'blocked';
    await writeFile(bad, JSON.stringify(doc));
    const r = await report(['--probes', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--probes: ${bad} results[2].observed: must be equal to one of the allowed values (connected, timeout, refused, other, error)`,
    );
  });
});
