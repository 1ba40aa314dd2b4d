import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadManifests } from '../../src/collect/manifests/load-manifests.js';
import { take } from '../../src/analyze/connectivity-limits.js';
import { analyzeReachability } from '../../src/analyze/reachability/index.js';
import { formatConnlistTxt } from '../../src/render/connlist/txt.js';
import { describeWithCorpus } from '../helpers/conformance-corpus.js';
import { fixedClock } from '../helpers/paths.js';

describeWithCorpus('netpol-analyzer conformance corpus', (conformanceCases) => {
  const cases = readdirSync(conformanceCases).sort();
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

    it('summarises namespace pairs exactly as counting the expanded workload pairs does', async () => {
      const dir = path.join(conformanceCases, name);
      const snapshot = await loadManifests({ paths: [path.join(dir, 'input')], now: fixedClock });
      const c = analyzeReachability(snapshot);
      const workload = new Map(c.peers.filter((p) => p.kind === 'workload').map((p) => [p.id, p.namespace]));
      const counted = new Map<string, number>();
      for (const x of c.connections) {
        const a = workload.get(x.src);
        const b = workload.get(x.dst);
        if (a === undefined || b === undefined) continue;
        counted.set(`${a} ${b}`, (counted.get(`${a} ${b}`) ?? 0) + 1);
      }
      const summary = new Map(c.namespaces?.pairs.map((p) => [`${p.src} ${p.dst}`, p.workloadPairs]));
      expect(summary).toEqual(counted);
      const viaDestinations = new Map(
        (c.namespaces?.namespaces ?? []).flatMap((a) =>
          (c.namespaces?.destinations(a) ?? []).map((d) => [`${a} ${d.namespace}`, d.workloadPairs] as const),
        ),
      );
      expect(viaDestinations).toEqual(counted);
      expect(c.namespaces?.pairTotal).toBe(counted.size);
      expect(c.namespaces?.pairsLimited(3)).toEqual(c.namespaces?.pairs.slice(0, 3));
    });

    it('counts, pulls and filters connections lazily exactly as the full list has them', async () => {
      const dir = path.join(conformanceCases, name);
      const snapshot = await loadManifests({ paths: [path.join(dir, 'input')], now: fixedClock });
      const lazy = analyzeReachability(snapshot);
      // Counted and pulled before anything builds the list, then compared with a fresh analysis' list.
      const total = lazy.total;
      const firstThree = [...take(lazy.iterate?.() ?? [], 3)];
      const egress = [...(lazy.externalEgress?.() ?? [])];
      const all = analyzeReachability(snapshot).connections;
      expect(total).toBe(all.length);
      expect(firstThree).toEqual(all.slice(0, 3));
      const workloads = new Set(lazy.peers.filter((p) => p.kind === 'workload').map((p) => p.id));
      expect(egress).toEqual(all.filter((x) => workloads.has(x.src) && x.dst.endsWith('[External]')));
    });
  });
});
