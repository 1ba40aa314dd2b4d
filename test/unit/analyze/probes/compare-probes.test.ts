import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { flowFindings } from '../../../../src/analyze/flows/findings.js';
import { compareProbes, probeOutcome } from '../../../../src/analyze/probes/compare.js';
import { buildReachability } from '../../../../src/analyze/reachability/index.js';
import { loadManifests } from '../../../../src/collect/manifests/load-manifests.js';
import type { ProbeResult, ProbeResults } from '../../../../src/model/probes.js';
import type { Snapshot } from '../../../../src/model/snapshot.js';
import { fixedClock, repoRoot } from '../../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
let snapshot: Snapshot;
let results: ProbeResults;
beforeAll(async () => {
  snapshot = await loadManifests({ paths: [demo], now: fixedClock });
  results = JSON.parse(
    await readFile(path.join(repoRoot, 'test', 'fixtures', 'probes', 'demo-results.json'), 'utf8'),
  ) as ProbeResults;
});

const compare = () =>
  compareProbes(snapshot, buildReachability(snapshot), { sources: [], results: results.results });

describe('comparing probe results of the demo cluster with its policies', () => {
  it('gives each probe an outcome from what the report’s policies allow and what it saw', () => {
    const { section } = compare();
    expect(section.results.map((r) => `${r.id} ${r.expected ?? '-'} ${r.observed} ${r.outcome}`)).toEqual([
      'p1 allow connected allowed',
      'p2 deny timeout enforced',
      'p3 deny connected unenforced',
      'p4 allow timeout dropped-allowed',
      'p5 deny refused inconclusive',
      'p6 - error error',
    ]);
    expect(section.counts).toEqual({
      total: 6,
      enforced: 1,
      allowed: 1,
      unenforced: 1,
      'dropped-allowed': 1,
      inconclusive: 1,
      error: 1,
      unresolved: 0,
    });
  });

  it('makes the contradicting probes the evidence of unenforced-flow and dropped-allowed-flow', () => {
    const c = compare();
    const findings = flowFindings([], [], c);
    expect(findings.map((f) => [f.rule, f.severity, f.message, f.pairs?.[0]?.conns])).toEqual(
      expect.arrayContaining([
        [
          'unenforced-flow',
          'critical',
          '1 probe involving postgres/postgres[StatefulSet] connected although the collected policies deny them',
          'TCP 5432 (probe)',
        ],
        [
          'dropped-allowed-flow',
          'medium',
          '1 probe involving api/orders-api[Deployment] timed out although the collected policies allow them',
          'TCP 8080 (probe)',
        ],
      ]),
    );
    expect(findings).toHaveLength(2);
  });

  it('merges probes and flows on the same workload into one finding that counts both', () => {
    const c = compare();
    const flow = { ...c.unenforced[0]!, flows: 3 };
    const [f] = flowFindings([flow], [], { unenforced: c.unenforced, droppedAllowed: [] });
    expect(f?.message).toBe(
      '3 observed flows and 1 probe involving postgres/postgres[StatefulSet] were forwarded although the collected policies deny them',
    );
    expect(f?.pairs?.map((p) => p.conns)).toEqual(['TCP 5432', 'TCP 5432 (probe)']);
  });

  it('leaves a probe whose pods are not in the snapshot unresolved, not compared', () => {
    const stray: ProbeResult = {
      ...results.results[0]!,
      from: { namespace: 'nowhere', pod: 'x-1', workload: 'nowhere/x[Deployment]' },
    };
    const { section } = compareProbes(snapshot, buildReachability(snapshot), {
      sources: [],
      results: [stray],
    });
    expect(section.results[0]?.outcome).toBe('unresolved');
  });
});

describe('the outcome of one probe', () => {
  const base = (over: Partial<ProbeResult>): ProbeResult => ({ ...results.results[0]!, ...over });
  it.each([
    ['TCP', 'connected', 'deny', 'unenforced'],
    ['TCP', 'timeout', 'deny', 'enforced'],
    ['TCP', 'timeout', 'allow', 'dropped-allowed'],
    ['UDP', 'timeout', 'deny', 'inconclusive'],
    ['UDP', 'connected', 'deny', 'unenforced'],
    ['TCP', 'other', 'deny', 'inconclusive'],
    ['SCTP', 'error', 'allow', 'error'],
  ] as const)('%s %s where the policies say %s is %s', (protocol, observed, expected, outcome) => {
    expect(probeOutcome(base({ protocol, observed }), expected)).toBe(outcome);
  });
});
