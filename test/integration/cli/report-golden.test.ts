// Golden files for the report's machine-readable outputs over the demo cluster, with a fixed clock.
// Regenerate with `npm run test:update` (UPDATE_GOLDEN=1) and review the diff.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/model/log.js';
import { defaultEngines } from '../../../src/run/engines.js';
import { runReport } from '../../../src/run/report-run.js';
import { repoRoot } from '../../helpers/paths.js';
import { danglingIds, followReferences, resources } from '../../unit/render/oscal/follow-references.js';
import { modelOf, oscalValidator } from '../../unit/render/oscal/oscal-schemas.js';

const golden = path.join(repoRoot, 'test', 'fixtures', 'report', 'demo');
const FILES = [
  'evidence.json',
  'findings.csv',
  'connectivity.csv',
  'oscal-assessment-results.json',
  'oscal-assessment-plan.json',
  'oscal-ssp.json',
  'oscal-profile.json',
  'oscal-catalog-soc2.json',
  'oscal-catalog-iso27001.json',
  'oscal-catalog-gdpr.json',
];

let bundle = '';

beforeAll(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-golden-'));
  const now = new Date('2026-01-15T10:00:00Z');
  const result = await runReport(
    {
      source: {
        manifests: [path.relative(process.cwd(), path.join(repoRoot, 'examples', 'demo', 'cluster'))],
        sourceName: 'acme-pay-demo',
      },
      outDir: out,
      formats: new Set(['json', 'csv', 'oscal']),
      frameworks: ['soc2', 'iso27001', 'gdpr'],
      period: { since: new Date('2025-10-17T00:00:00Z'), until: now },
      signing: { mode: 'unsigned' },
      // Paths as a user types them, relative to the working folder: messages and evidence show them as given.
      inventory: path.relative(process.cwd(), path.join(repoRoot, 'examples', 'inventory.yaml')),
      exceptions: path.relative(process.cwd(), path.join(repoRoot, 'examples', 'exceptions.yaml')),
      controls: [],
      maxDocumentAgeDays: 365,
    },
    { now: () => now, log: silentLogger, env: process.env },
    defaultEngines,
  );
  bundle = result.bundleDir;
});

describe('report outputs for the demo cluster', () => {
  it.each(FILES)('%s equals its golden file', async (file) => {
    const actual = await readFile(path.join(bundle, file), 'utf8');
    const expectedFile = path.join(golden, `${file}.golden`);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(expectedFile, actual);
    expect(actual).toBe(await readFile(expectedFile, 'utf8'));
  });
});

describe('the OSCAL documents of the demo bundle', () => {
  it('each validate against NIST OSCAL 1.1.2 and chain from the results to every catalog, pinned by SHA-256', async () => {
    const names = (await readdir(bundle)).filter((f) => f.startsWith('oscal-'));
    const files = new Map<string, string>();
    for (const f of names) files.set(f, await readFile(path.join(bundle, f), 'utf8'));
    for (const [file, text] of files) {
      const doc = JSON.parse(text) as object;
      const validate = await oscalValidator(modelOf(doc));
      validate(doc);
      expect({ file, errors: validate.errors ?? [] }).toEqual({ file, errors: [] });
    }
    const followed = followReferences(files, 'oscal-assessment-results.json');
    expect(followed.problems).toEqual([]);
    expect([...followed.docs.keys()].sort()).toEqual(names.sort());
    expect(danglingIds(followed.docs)).toEqual([]);
  });

  it('pins evidence.json by the SHA-256 of the file on disk', async () => {
    const ar = JSON.parse(
      await readFile(path.join(bundle, 'oscal-assessment-results.json'), 'utf8'),
    ) as object;
    const link = resources(ar as Record<string, unknown>)
      .flatMap((r) => r.rlinks ?? [])
      .find((l) => l.href === 'evidence.json');
    const onDisk = createHash('sha256')
      .update(await readFile(path.join(bundle, 'evidence.json')))
      .digest('hex');
    expect(link?.hashes).toEqual([{ algorithm: 'SHA-256', value: onDisk }]);
  });
});

/** "<sha256>  <href>" for every hashed back-matter rlink of the OSCAL files (what docs/verify.md's jq prints). */
async function pinnedLines(dir: string): Promise<string> {
  const lines: string[] = [];
  for (const f of (await readdir(dir)).filter((x) => x.startsWith('oscal-')).sort()) {
    const doc = JSON.parse(await readFile(path.join(dir, f), 'utf8')) as Record<string, unknown>;
    for (const l of resources(doc).flatMap((r) => r.rlinks ?? []))
      if (l.hashes) lines.push(`${l.hashes[0]!.value}  ${l.href}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the OSCAL links checked with sha256sum, as docs/verify.md shows', () => {
  it('all pass in the bundle as written', async () => {
    const r = spawnSync('sha256sum', ['-c'], { cwd: bundle, input: await pinnedLines(bundle) });
    expect(r.stdout.toString()).toContain('oscal-assessment-plan.json: OK');
    expect(r.stdout.toString()).toContain('evidence.json: OK');
    expect(r.status).toBe(0);
  });

  it('fail, naming the file, when a catalog is changed after the profile pinned it', async () => {
    const copy = path.join(await mkdtemp(path.join(os.tmpdir(), 'npe-oscal-tamper-')), 'bundle');
    await cp(bundle, copy, { recursive: true });
    const soc2 = path.join(copy, 'oscal-catalog-soc2.json');
    await writeFile(soc2, (await readFile(soc2, 'utf8')).replace('Logical access', 'Logical accesses'));
    const r = spawnSync('sha256sum', ['-c'], { cwd: copy, input: await pinnedLines(copy) });
    expect(r.stdout.toString()).toContain('oscal-catalog-soc2.json: FAILED');
    expect(r.status).toBe(1);
  });
});
