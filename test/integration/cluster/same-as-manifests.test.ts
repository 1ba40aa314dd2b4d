import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { generateRawCluster } from '../../../bench/generate-cluster.js';
import { analyzeReachability } from '../../../src/analyze/reachability/index.js';
import { loadManifests } from '../../../src/collect/manifests/load-manifests.js';
import type { Snapshot } from '../../../src/model/snapshot.js';
import type { RawObject } from '../../helpers/api-server/index.js';
import { sampleCluster, sampleOptionalPolicies } from '../../helpers/api-server/sample-cluster.js';
import { fixedClock } from '../../helpers/paths.js';
import { startHarness } from './harness.js';

/** The parts the analyses read, without where each object came from, in one order. */
function analysed(s: Snapshot): Record<string, unknown[]> {
  const norm = (list: readonly object[]): unknown[] =>
    list
      .map((o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'origin')))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    namespaces: norm(s.namespaces),
    workloads: norm(s.workloads),
    pods: norm(s.pods),
    services: norm(s.services),
    ingresses: norm(s.ingresses),
    networkPolicies: norm(s.networkPolicies),
    adminNetworkPolicies: norm(s.adminNetworkPolicies),
    baselineAdminNetworkPolicies: norm(s.baselineAdminNetworkPolicies),
    otherPolicies: norm(s.otherPolicies),
  };
}

async function bothWays(objects: RawObject[]): Promise<{ live: Snapshot; files: Snapshot }> {
  const h = await startHarness({ objects });
  try {
    const live = await h.collect({ pageSize: 7 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-as-manifests-'));
    try {
      await writeFile(path.join(dir, 'cluster.yaml'), objects.map((o) => stringify(o)).join('---\n'));
      const files = await loadManifests({ paths: [dir], now: fixedClock });
      return { live, files };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await h.stop();
  }
}

const cases: { name: string; why: string; objects: () => RawObject[] }[] = [
  {
    name: 'the sample cluster with an AdminNetworkPolicy and a CiliumNetworkPolicy',
    why: 'every kind the collector reads, with items whose kind only the list names',
    objects: () => [...sampleCluster(), ...sampleOptionalPolicies()],
  },
  {
    name: 'a generated cluster of 30 namespaces',
    why: 'realistic label diversity and the policy shapes teams write, over many pages',
    objects: () => {
      const raw = generateRawCluster({ namespaces: 30, pods: 240, policies: 60, seed: 7 });
      return [...raw.namespaces, ...raw.deployments, ...raw.replicaSets, ...raw.pods, ...raw.networkPolicies];
    },
  },
];

describe('a live snapshot and the same objects given as manifests', () => {
  describe.each(cases)('when the cluster is $name ($why)', ({ objects }) => {
    let live: Snapshot;
    let files: Snapshot;
    beforeAll(async () => {
      ({ live, files } = await bothWays(objects()));
    });

    it('hold the same namespaces, workloads, pods, services, ingresses and policies', () => {
      expect(analysed(live)).toEqual(analysed(files));
      expect(live.pods.length).toBeGreaterThan(0);
      expect(live.networkPolicies.length).toBeGreaterThan(0);
    });

    it('give the identical connectivity list', () => {
      const a = analyzeReachability(live);
      const b = analyzeReachability(files);
      expect(a.connections.length).toBeGreaterThan(0);
      expect(a.connections).toEqual(b.connections);
      expect(a.peers).toEqual(b.peers);
    });
  });
});
