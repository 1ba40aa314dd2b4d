import type { Evidence, RunRecord } from '../../../src/model/evidence.js';
import { runCoverFacts } from '../../../src/render/view/sections-run.js';

const run = (extra: Partial<RunRecord>): RunRecord => ({
  tool: { name: 'netpol-evidence', version: '1' },
  options: {},
  inputs: [{ role: 'adequacy', file: 'a.yaml', sha256: '0'.repeat(64), asOf: '2026-01-01' }],
  source: { live: false, statement: 'Not collected from a live cluster: read from manifest files (x).' },
  mappingChanges: [],
  ...extra,
});
const evidence = (r: RunRecord, generatedAt = '2026-03-01T00:00:00Z'): Evidence =>
  ({ run: r, generatedAt }) as unknown as Evidence;

describe('the cover lines about the run', () => {
  describe('when the data came from files', () => {
    it('says plainly it was not collected from a live cluster', () => {
      expect(runCoverFacts(evidence(run({})))).toEqual([
        { label: 'Data source', value: 'Not collected from a live cluster: read from manifest files (x).' },
      ]);
    });
  });

  describe('when a live cluster was read', () => {
    it('names the server and the identity the tool authenticated as', () => {
      const live = run({
        source: {
          live: true,
          server: 'https://k:6443',
          authenticatedAs: { username: 'system:serviceaccount:a:b' },
        },
      });
      expect(runCoverFacts(evidence(live))[0]?.value).toBe(
        'Live cluster https://k:6443, read by this run as system:serviceaccount:a:b',
      );
    });
  });

  describe('when a --controls file changed the crosswalk', () => {
    it('lists the file and what it changed', () => {
      const changed = run({ mappingChanges: [{ file: 'mine.yaml', changes: ['allow-all-rule soc2'] }] });
      expect(runCoverFacts(evidence(changed))).toContainEqual({
        label: 'Mappings changed by',
        value: 'mine.yaml: allow-all-rule soc2',
      });
    });
  });

  describe('when the adequacy list is older than 6 months', () => {
    it('warns, and does not before', () => {
      const late = runCoverFacts(evidence(run({}), '2026-07-15T00:00:00Z'));
      expect(late.find((f) => f.label === 'Warning')?.value).toMatch(/as of 2026-01-01, more than 6 months/);
      expect(
        runCoverFacts(evidence(run({}), '2026-06-15T00:00:00Z')).some((f) => f.label === 'Warning'),
      ).toBe(false);
    });
  });
});
