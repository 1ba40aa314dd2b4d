// Golden connlists for Cilium's getting-started scenario, rewritten as manifests (test/fixtures/cilium/starwars).
// Regenerate with `npm run test:update` (UPDATE_GOLDEN=1) and review the diff.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadManifests } from '../../../../src/collect/manifests/load-manifests.js';
import { analyzeReachability } from '../../../../src/analyze/reachability/index.js';
import { formatConnlistTxt } from '../../../../src/render/connlist/txt.js';
import { fixedClock, repoRoot } from '../../../helpers/paths.js';

const dir = path.join(repoRoot, 'test', 'fixtures', 'cilium', 'starwars');

describe.each(['l3-l4', 'l7'])('the Star Wars cluster with its %s policies', (variant) => {
  it('gives exactly the golden connectivity list', async () => {
    const snapshot = await loadManifests({
      paths: [path.join(dir, 'workloads'), path.join(dir, variant)],
      now: fixedClock,
    });
    const actual = formatConnlistTxt(analyzeReachability(snapshot));
    const expectedFile = path.join(dir, `expected-${variant}.txt`);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(expectedFile, actual);
    expect(actual.split('\n')).toEqual((await readFile(expectedFile, 'utf8')).split('\n'));
  });
});
