import { aggregateChanges } from '../../../src/period/aggregate-changes.js';
import type { BundleRecord, CommitDigest } from '../../../src/period/types.js';

function bundle(name: string, commits: CommitDigest[]): BundleRecord {
  return {
    name,
    dir: `/x/${name}`,
    day: name.slice(0, 10),
    problems: [],
    unanchored: false,
    content: {
      reportId: name,
      generatedAt: `${name.slice(0, 10)}T10:00:00Z`,
      controls: [],
      findings: [],
      policies: new Map(),
      vendors: [],
      external: [],
      commits,
      findingsBySeverity: {},
    },
  };
}

const c = (sha: string, date: string, extra: Partial<CommitDigest>): CommitDigest => ({
  sha,
  date,
  subject: sha,
  author: 'x',
  ...extra,
});
const period = { since: '2026-01-01T00:00:00.000Z', until: '2026-01-31T23:59:59.000Z' };

describe('aggregateChanges', () => {
  describe('when bundles list the same changes several times, with review and deployment facts', () => {
    const out = aggregateChanges(
      [
        bundle('2026-01-10', [
          c('a', '2026-01-05T10:00:00Z', { reviewSource: 'message', policyChange: true }),
        ]),
        bundle('2026-01-20', [
          c('a', '2026-01-05T10:00:00Z', {
            reviewSource: 'api',
            independentlyApproved: true,
            mergedAt: '2026-01-05T10:00:00Z',
            deployedAt: '2026-01-05T10:30:00Z',
            policyChange: true,
          }),
          c('b', '2026-01-12T10:00:00Z', {
            reviewSource: 'api',
            independentlyApproved: true,
            mergedAt: '2026-01-12T10:00:00Z',
            deployedAt: '2026-01-12T12:00:00Z',
            policyChange: true,
          }),
          c('c', '2026-01-13T10:00:00Z', {
            reviewSource: 'api',
            independentlyApproved: false,
            mergedAt: '2026-01-13T10:00:00Z',
            policyChange: true,
          }),
          c('m', '2026-01-13T11:00:00Z', { reviewSource: 'api', policyChange: false }),
          c('d', '2026-01-14T10:00:00Z', { reviewSource: 'none', policyChange: true }),
          c('old', '2025-12-20T10:00:00Z', {
            reviewSource: 'api',
            independentlyApproved: true,
            policyChange: true,
          }),
        ]),
      ],
      period,
    );

    it('counts each policy change in the period once, as the newest bundle saw it', () => {
      expect(out).toMatchObject({ changes: 4, verifiedWithHost: 3, independentlyApproved: 2, share: 0.5 });
    });

    it('gives the median minutes from merge to deploy over the changes with both times', () => {
      expect(out.mergeToDeployMeasured).toBe(2);
      expect(out.medianMergeToDeployMinutes).toBe(75);
    });
  });

  describe('when no bundle has any change', () => {
    it('reports zero changes and no median', () => {
      const out = aggregateChanges([bundle('2026-01-10', [])], period);
      expect(out).toEqual({
        changes: 0,
        verifiedWithHost: 0,
        independentlyApproved: 0,
        share: 0,
        mergeToDeployMeasured: 0,
      });
    });
  });
});
