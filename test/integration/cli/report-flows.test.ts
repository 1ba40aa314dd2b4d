import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const addFormats = addFormatsModule.default;
const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const hubble = path.join(repoRoot, 'test', 'fixtures', 'flows', 'hubble-observe.json');
const epoch = { SOURCE_DATE_EPOCH: '1768471200' }; // 2026-01-15T10:00:00Z

interface Evidence {
  flows: {
    sources: { path: string; sha256: string }[];
    counts: { byOutcome: Record<string, number> };
  };
  findings: { rule: string; severity: string; controls: { framework: string; id: string }[] }[];
  checksRun: string[];
  warnings: string[];
}

async function run(
  args: string[],
  cwd = repoRoot,
): Promise<{ code: number; dir: string; stderr: string; out: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-flows-cli-'));
  const r = await runBuiltCli(
    ['report', '--manifests', demo, '--unsigned', '--formats', 'html,json', '--out', out, ...args],
    {
      env: epoch,
      cwd,
    },
  );
  return { code: r.code, dir: r.stdout.trim().split('\n').pop() ?? '', stderr: r.stderr, out };
}

describe('report --flows', () => {
  describe('when Hubble flows show traffic the policies deny', () => {
    it('records the flows in evidence.json (schema-valid), maps unenforced-flow to controls and fails --fail-on critical', async () => {
      const r = await run(['--flows', hubble, '--fail-on', 'critical']);
      expect(r.code).toBe(1);
      const e = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as Evidence;
      expect(e.flows.sources[0]?.path).toBe('test/fixtures/flows/hubble-observe.json');
      expect(e.flows.counts.byOutcome).toEqual({
        allowedForwarded: 1,
        unenforced: 2,
        droppedAllowed: 0,
        enforced: 2,
      });
      expect(e.checksRun).toEqual(expect.arrayContaining(['unenforced-flow', 'dropped-allowed-flow']));
      const f = e.findings.find((x) => x.rule === 'unenforced-flow');
      expect(f?.severity).toBe('critical');
      expect(f?.controls).toEqual(
        expect.arrayContaining([
          { framework: 'soc2', id: 'CC6.1' },
          { framework: 'iso27001', id: 'A.8.22' },
          { framework: 'gdpr', id: 'Art. 32(1)(d)' },
        ]),
      );
      const ajv = new Ajv({ allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(
        JSON.parse(await readFile(path.join(repoRoot, 'docs/evidence.schema.json'), 'utf8')) as object,
      );
      validate(e);
      expect(validate.errors ?? []).toEqual([]);
      const html = await readFile(path.join(r.dir, 'report.html'), 'utf8');
      expect(html).toContain('Enforcement seen: dropped connections the policies deny, per policy');
      expect(html).toContain('api/orders-api-from-web');
    });
  });

  describe('when a flow file has malformed records among valid ones', () => {
    it('names each by file and line in the run warnings', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-flows-in-'));
      const file = path.join(dir, 'flows.json');
      await writeFile(
        file,
        `${(await readFile(hubble, 'utf8')).split('\n')[0]}\n{"flow":{"verdict":"FORWARDED"}}\n`,
      );
      const r = await run(['--flows', file]);
      expect(r.code).toBe(0);
      const e = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as Evidence;
      expect(e.warnings).toContain(`${file}:2: malformed flow record: flow.source: missing`);
    });
  });

  describe('when a flow file has no valid record', () => {
    it('exits 2 naming the file and writes no bundle', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-flows-in-'));
      const file = path.join(dir, 'flows.json');
      await writeFile(file, '{"flow":{"verdict":"FORWARDED"}}\n');
      const r = await run(['--flows', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}: has no valid flow record`);
      expect(await readdir(r.out)).toEqual([]);
    });
  });

  describe('when the config file names flows', () => {
    it('reads them relative to the config file', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-flows-cfg-'));
      await writeFile(
        path.join(dir, 'calico.json'),
        await readFile(path.join(repoRoot, 'test/fixtures/flows/calico-flows.json')),
      );
      await writeFile(path.join(dir, 'run.yaml'), 'flows: [calico.json]\n');
      const r = await run(['--config', path.join(dir, 'run.yaml')]);
      expect(r.code).toBe(0);
      const e = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as Evidence;
      expect(e.flows.sources[0]?.path).toBe(path.join(dir, 'calico.json'));
    });
  });
});
