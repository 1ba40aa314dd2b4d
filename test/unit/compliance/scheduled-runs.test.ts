// Art. 32(1)(d) from scheduled runs: supported only when earlier runs exist, and the report says how many.
import { evaluateCompliance } from '../../../src/compliance/index.js';
import { loadCatalogs } from '../../../src/config/load-catalogs.js';
import { historyText } from '../../../src/render/view/sections-run.js';
import { fixedClock } from '../../helpers/paths.js';
import { egress, snapshot } from './builders.js';

async function art32d(earlierRuns?: number) {
  const r = evaluateCompliance({
    findings: [],
    checksRun: [],
    connectivity: egress([]),
    snapshot: snapshot(),
    catalogs: await loadCatalogs(),
    frameworks: ['gdpr'],
    now: fixedClock(),
    ...(earlierRuns !== undefined ? { earlierRuns } : {}),
  });
  return r.controls.find((c) => c.id === 'Art. 32(1)(d)');
}

describe('scheduled runs and GDPR Art. 32(1)(d)', () => {
  it('is supported (never satisfied) by scheduled-runs when earlier runs exist', async () => {
    const c = await art32d(3);
    expect(c?.checksRan).toEqual([
      { check: 'scheduled-runs', strength: 'supports', outcome: 'passed', findingIds: [] },
    ]);
    expect(c?.status).toBe('supported');
  });

  it('gets nothing from a one-off run, or from a run that keeps no chain', async () => {
    expect((await art32d(0))?.status).toBe('notTested');
    expect((await art32d())?.status).toBe('notTested');
  });

  it('says how many earlier runs, over what period, and where the count ends', () => {
    expect(
      historyText({
        earlierRuns: 1,
        first: '2026-01-08T00:00:00Z',
        last: '2026-01-08T00:00:00Z',
        endsAt: 'first',
      }),
    ).toMatch(
      /^This run follows 1 earlier run of this cluster on 2026-01-08, linked by the bundle hash chain back to the first bundle/,
    );
    expect(
      historyText({
        earlierRuns: 5,
        first: '2025-12-01T00:00:00Z',
        last: '2026-01-08T00:00:00Z',
        endsAt: 'missing',
      }),
    ).toMatch(
      /5 earlier runs of this cluster between 2025-12-01 and 2026-01-08, .*older ones were pruned or moved/,
    );
    expect(historyText({ earlierRuns: 0, endsAt: 'first' })).toMatch(/^This is a one-off run/);
  });
});
