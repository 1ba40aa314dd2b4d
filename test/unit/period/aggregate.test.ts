import { aggregatePeriod } from '../../../src/period/index.js';
import type { BundleContent, BundleRecord, CommitDigest } from '../../../src/period/types.js';
import type { ControlStatus } from '../../../src/model/compliance.js';

const T = (day: string): string => `${day}T02:00:00.000Z`;

function record(
  day: string,
  opts: {
    a8?: ControlStatus;
    findings?: string[];
    policies?: Record<string, unknown>;
    commits?: CommitDigest[];
    problems?: string[];
    previous?: BundleRecord['previous'];
    prevSha?: string;
  } = {},
): BundleRecord {
  const name = `${day}T02-00-00Z`;
  const content: BundleContent = {
    reportId: `NPE-${day}`,
    generatedAt: T(day),
    controls: [{ framework: 'iso27001', id: 'A.8.27', status: opts.a8 ?? 'satisfied', findingIds: [] }],
    findings: (opts.findings ?? []).map((id) => ({
      id,
      rule: 'r',
      severity: 'high',
      resource: `Namespace//${id}`,
      message: id,
    })),
    policies: new Map(
      Object.entries(opts.policies ?? {}).map(([k, body]) => [k, { key: k, body: { spec: body } }]),
    ),
    vendors: [],
    external: [],
    commits: opts.commits ?? [],
    findingsBySeverity: {},
  };
  return {
    name,
    dir: `/x/${name}`,
    day,
    bundleId: `NPE-${day}`,
    manifestSha256: `sha-${day}`,
    previous: opts.previous === undefined ? null : opts.previous,
    problems: opts.problems ?? [],
    unanchored: false,
    ...(opts.problems?.length ? {} : { content }),
  };
}

/** A chain of records where each links to the one before, as the report pipeline writes them. */
function chain(list: BundleRecord[]): BundleRecord[] {
  return list.map((r, i) => {
    const prev = list[i - 1];
    return i === 0 || r.previous !== null
      ? r
      : { ...r, previous: { bundleId: prev?.bundleId ?? '', manifestSha256: prev?.manifestSha256 ?? '' } };
  });
}

const base = {
  cluster: 'prod',
  since: new Date('2026-01-01T00:00:00Z'),
  until: new Date('2026-01-05T23:59:59Z'),
  trustAnchor: 'ca.pem',
  generatedAt: new Date('2026-01-06T00:00:00Z'),
  tool: { name: 'netpol-evidence', version: '0.0.0' },
  signature: { signed: false },
};

describe('aggregatePeriod', () => {
  describe('when every day has a verified bundle and the chain is whole', () => {
    it('covers every day and raises no finding about the evidence', () => {
      const records = chain(
        ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'].map((d) => record(d)),
      );
      const p = aggregatePeriod({ ...base, records });
      expect(p.summary).toMatchObject({ days: 5, daysCovered: 5, daysMissing: 0, bundlesRejected: 0 });
      expect(p.periodFindings).toEqual([]);
      expect(p.controls[0]).toMatchObject({ daysEvaluated: 5, daysSatisfied: 5, share: 1, notSatisfied: [] });
    });
  });

  describe('when a bundle between two others was deleted', () => {
    it('reports the day as missing and the link that now names a bundle that is not there', () => {
      const all = chain(['2026-01-01', '2026-01-02', '2026-01-03'].map((d) => record(d)));
      const records = [all[0], all[2]] as BundleRecord[];
      const p = aggregatePeriod({ ...base, until: new Date('2026-01-03T23:59:59Z'), records });
      expect(p.days.map((d) => d.status)).toEqual(['covered', 'missing', 'covered']);
      expect(p.periodFindings.map((f) => `${f.rule} ${f.resource.name}`)).toEqual([
        'evidence-chain-broken 2026-01-01T02-00-00Z -> 2026-01-03T02-00-00Z',
        'evidence-day-missing 2026-01-02',
      ]);
      expect(p.periodFindings[0]?.message).toMatch(
        /links to NPE-2026-01-02, but the bundle before it is 2026-01-01T02-00-00Z/,
      );
    });
  });

  describe('when two bundles were made on one day and one of them says a control failed', () => {
    it('counts the day as not satisfied (the worst status of the day)', () => {
      const a = record('2026-01-01');
      const b = { ...record('2026-01-01', { a8: 'notSatisfied' }), name: '2026-01-01T14-00-00Z' };
      const p = aggregatePeriod({ ...base, until: new Date('2026-01-01T23:59:59Z'), records: chain([a, b]) });
      expect(p.controls[0]?.notSatisfied).toEqual([{ day: '2026-01-01', status: 'notSatisfied' }]);
      expect(p.summary.daysCovered).toBe(1);
    });
  });

  describe('when a finding disappears and comes back', () => {
    it('counts the reopening and measures time to close from the last opening', () => {
      const records = chain([
        record('2026-01-01', { findings: ['F-1'] }),
        record('2026-01-02'),
        record('2026-01-03', { findings: ['F-1'] }),
        record('2026-01-04', { findings: ['F-1'] }),
        record('2026-01-05'),
      ]);
      const f = aggregatePeriod({ ...base, records }).findings[0];
      expect(f).toMatchObject({
        id: 'F-1',
        reopened: 1,
        closedAt: T('2026-01-05'),
        timeToCloseDays: 2,
        openAtEnd: false,
      });
      expect(f?.firstSeen).toBe(T('2026-01-01'));
    });
  });

  describe('when Git commits were made between two bundles that differ', () => {
    it('ties each commit in the window to the policy change it explains', () => {
      const commit = (sha: string, date: string): CommitDigest => ({
        sha,
        date,
        subject: `change ${sha}`,
        author: 'a',
        reviewed: true,
      });
      const commits = [
        commit('c1', '2026-01-01T12:00:00Z'),
        commit('c2', '2026-01-03T01:00:00Z'),
        commit('c0', '2025-12-01T00:00:00Z'),
      ];
      const records = chain([
        record('2026-01-01', { policies: { 'NetworkPolicy web/deny': { podSelector: {} } }, commits }),
        record('2026-01-02', {
          policies: { 'NetworkPolicy web/deny': { podSelector: { matchLabels: { a: 'b' } } } },
          commits,
        }),
        record('2026-01-03', {
          policies: { 'NetworkPolicy web/deny': { podSelector: { matchLabels: { a: 'b' } } } },
          commits,
        }),
      ]);
      const p = aggregatePeriod({ ...base, until: new Date('2026-01-03T23:59:59Z'), records });
      expect(
        p.timeline.map((e) => ({
          at: e.at,
          policies: e.policies.map((x) => x.fields.map((f) => f.path).join()),
          commits: e.commits.map((c) => c.sha),
        })),
      ).toEqual([
        { at: T('2026-01-02'), policies: ['spec.podSelector.matchLabels'], commits: ['c1'] },
        { at: T('2026-01-03'), policies: [], commits: ['c2'] },
      ]);
    });
  });

  describe('when the same records are aggregated twice', () => {
    it('gives byte-identical JSON', () => {
      const records = chain([
        record('2026-01-01', { findings: ['F-2'] }),
        record('2026-01-03', { problems: ['file evidence.json: sha256 differs'] }),
      ]);
      const one = JSON.stringify(aggregatePeriod({ ...base, records }));
      expect(JSON.stringify(aggregatePeriod({ ...base, records }))).toBe(one);
      expect(JSON.parse(one).rejected).toEqual([
        {
          bundle: '2026-01-03T02-00-00Z',
          day: '2026-01-03',
          problems: ['file evidence.json: sha256 differs'],
        },
      ]);
    });
  });
});
