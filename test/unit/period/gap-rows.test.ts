import { gapRows } from '../../../src/period/period-view.js';

const day = (d: string, status: 'covered' | 'missing' | 'unverified', bundles: string[] = []) => ({
  day: d,
  status,
  bundles,
});

describe('gapRows', () => {
  it('joins consecutive days without a bundle into one row and keeps rejected days apart', () => {
    const rows = gapRows([
      day('2026-01-01', 'covered', ['a']),
      day('2026-01-02', 'missing'),
      day('2026-01-03', 'missing'),
      day('2026-01-04', 'missing'),
      day('2026-01-05', 'unverified', ['b']),
      day('2026-01-06', 'missing'),
    ] as never);
    expect(rows).toEqual([
      { from: '2026-01-02', to: '2026-01-04', status: 'missing', bundles: [] },
      { from: '2026-01-05', to: '2026-01-05', status: 'unverified', bundles: ['b'] },
      { from: '2026-01-06', to: '2026-01-06', status: 'missing', bundles: [] },
    ]);
  });
});
