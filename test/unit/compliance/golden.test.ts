// Golden files: test/fixtures/compliance/<scenario>/scenario.json in, expected.json out.
// Regenerate with `npm run test:update` (UPDATE_GOLDEN=1) and review the diff.
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeReachability } from '../../../src/analyze/reachability/index.js';
import { loadManifests } from '../../../src/collect/manifests/load-manifests.js';
import { evaluateCompliance } from '../../../src/compliance/index.js';
import { loadCatalogs, loadExceptions, loadInventory } from '../../../src/config/index.js';
import type { Connectivity } from '../../../src/model/connectivity.js';
import { resourceKey, type Finding, type Framework } from '../../../src/model/finding.js';
import { findingId } from '../../../src/model/hash.js';
import { fixedClock, repoRoot } from '../../helpers/paths.js';
import { snapshot as emptySnapshot } from './builders.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'compliance');

interface Scenario {
  readonly now: string;
  readonly frameworks: Framework[];
  readonly checksRun: string[];
  readonly manifests?: string;
  readonly connectivity?: string;
  readonly findings?: string;
  readonly controls?: string[];
  readonly inventory?: string;
  readonly exceptions?: string;
}

async function json<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function evaluate(dir: string): Promise<string> {
  const s = await json<Scenario>(path.join(dir, 'scenario.json'));
  const at = (p: string): string => path.relative(repoRoot, path.join(dir, p));
  const snapshot = s.manifests
    ? await loadManifests({ paths: [at(s.manifests)], now: fixedClock })
    : emptySnapshot();
  const connectivity: Connectivity = s.manifests
    ? analyzeReachability(snapshot)
    : s.connectivity
      ? await json<Connectivity>(at(s.connectivity))
      : { peers: [], connections: [] };
  const raw = s.findings ? await json<Omit<Finding, 'id'>[]>(at(s.findings)) : [];
  const findings = raw.map((f) => ({ id: findingId(f.rule, resourceKey(f.resource)), ...f }));
  const result = evaluateCompliance({
    findings,
    checksRun: s.checksRun,
    connectivity,
    snapshot,
    catalogs: await loadCatalogs((s.controls ?? []).map(at)),
    ...(s.inventory ? { inventory: await loadInventory(at(s.inventory)) } : {}),
    ...(s.exceptions ? { exceptions: await loadExceptions(at(s.exceptions)) } : {}),
    frameworks: s.frameworks,
    now: new Date(s.now),
  });
  return `${JSON.stringify(result, null, 2)}\n`;
}

const scenarios = readdirSync(fixtures, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('evaluateCompliance over the golden scenarios', () => {
  describe.each(scenarios)('when the scenario is %s', (name) => {
    it('gives the expected findings, control results and register, the same on every run', async () => {
      const dir = path.join(fixtures, name);
      const actual = await evaluate(dir);
      const expectedFile = path.join(dir, 'expected.json');
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(expectedFile, actual);
      expect(actual).toBe(await readFile(expectedFile, 'utf8'));
      expect(await evaluate(dir)).toBe(actual);
    });
  });
});
