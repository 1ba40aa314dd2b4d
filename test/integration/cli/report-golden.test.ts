// Golden files for the report's machine-readable outputs over the demo cluster, with a fixed clock.
// Regenerate with `npm run test:update` (UPDATE_GOLDEN=1) and review the diff.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/model/log.js';
import { defaultEngines } from '../../../src/run/engines.js';
import { runReport } from '../../../src/run/report-run.js';
import { repoRoot } from '../../helpers/paths.js';

const golden = path.join(repoRoot, 'test', 'fixtures', 'report', 'demo');
const FILES = ['evidence.json', 'findings.csv', 'connectivity.csv', 'oscal-assessment-results.json'];

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
