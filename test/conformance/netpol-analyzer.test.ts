import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadManifests } from '../../src/collect/manifests/load-manifests.js';
import { analyzeReachability } from '../../src/analyze/reachability/index.js';
import { formatConnlistTxt } from '../../src/render/connlist/txt.js';
import { conformanceCases, fixedClock } from '../helpers/paths.js';

const cases = readdirSync(conformanceCases).sort();

describe('netpol-analyzer conformance corpus', () => {
  it('holds the forty cases this suite is written for', () => {
    expect(cases).toHaveLength(40);
  });

  describe.each(cases)('when analysing case %s', (name) => {
    it('prints exactly the expected connectivity list', async () => {
      const dir = path.join(conformanceCases, name);
      const snapshot = await loadManifests({ paths: [path.join(dir, 'input')], now: fixedClock });
      const expected = await readFile(path.join(dir, 'expected-connlist.txt'), 'utf8');
      const actual = formatConnlistTxt(analyzeReachability(snapshot));
      // Compare line arrays so a failure shows the differing lines, not one huge string.
      expect(actual.split('\n')).toEqual(expected.split('\n'));
    });
  });
});
