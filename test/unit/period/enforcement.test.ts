import path from 'node:path';
import { readFlowFiles } from '../../../src/collect/flows/index.js';
import { aggregatePeriod } from '../../../src/period/index.js';
import { digestEvidence } from '../../../src/period/digest.js';
import { buildPeriodView } from '../../../src/period/period-view.js';
import type { BundleRecord } from '../../../src/period/types.js';
import { compareObservedFlows } from '../../../src/run/flows.js';
import { repoRoot } from '../../helpers/paths.js';
import { demoEvidence } from '../render/oscal/demo-evidence.js';

function record(day: string, content: BundleRecord['content']): BundleRecord {
  const name = `${day}T02-00-00Z`;
  return {
    name,
    dir: `/x/${name}`,
    day,
    problems: [],
    unanchored: false,
    previous: null,
    ...(content ? { content } : {}),
  };
}

const base = {
  cluster: 'prod',
  since: new Date('2026-01-01T00:00:00Z'),
  until: new Date('2026-01-02T23:59:59Z'),
  generatedAt: new Date('2026-01-03T00:00:00Z'),
  tool: { name: 'netpol-evidence', version: '0.0.0' },
  signature: { signed: false },
};

describe('period over bundles that read flows', () => {
  it('lists each counted bundle’s enforcement counts, and only the bundles that read flows', async () => {
    const plain = await demoEvidence();
    const obs = await readFlowFiles([
      path.join(repoRoot, 'test', 'fixtures', 'flows', 'hubble-observe.json'),
    ]);
    const withFlows = { ...plain, flows: compareObservedFlows(plain.snapshot, obs).section };
    const p = aggregatePeriod({
      ...base,
      records: [record('2026-01-01', digestEvidence(plain)), record('2026-01-02', digestEvidence(withFlows))],
    });
    expect(p.enforcement).toEqual([
      {
        bundle: '2026-01-02T02-00-00Z',
        at: withFlows.generatedAt,
        flows: 6,
        allowedForwarded: 1,
        enforced: 2,
        unenforced: 2,
        droppedAllowed: 0,
      },
    ]);
    const view = buildPeriodView(p, '', 'x');
    expect(view.sections.map((s) => s.id)).toContain('period-enforcement');
  });

  it('leaves enforcement out when no bundle read flows', async () => {
    const plain = await demoEvidence();
    const p = aggregatePeriod({ ...base, records: [record('2026-01-01', digestEvidence(plain))] });
    expect(p.enforcement).toBeUndefined();
  });
});
