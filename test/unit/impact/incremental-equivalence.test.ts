import { Universe } from '../../../src/analyze/reachability/universe.js';
import { analyzeSnapshot } from '../../../src/analyze/index.js';
import { diffPaths } from '../../../src/diff/paths.js';
import { moveState } from '../../../src/impact/changes/move.js';
import { nsPairsOf } from '../../../src/impact/changes/ns-pairs.js';
import { applyVersions, mapOf, setOf, type PolicyMap } from '../../../src/impact/changes/policy-map.js';
import { analyseState } from '../../../src/impact/changes/state.js';
import { buildReachability } from '../../../src/analyze/reachability/index.js';
import type { PolicyVersion } from '../../../src/model/git.js';
import type { NetworkPolicy, Snapshot } from '../../../src/model/snapshot.js';
import { generateCluster } from '../../../bench/generate-cluster.js';

// The incremental analysis must agree with a full analysis of the new state: same findings, same namespace
// pair table, and the same opened/closed/changed paths as comparing every connection of both states.

const cluster = generateCluster({ namespaces: 24, pods: 240, policies: 48, seed: 7 });

function full(s: Snapshot, policies: PolicyMap) {
  const snap = { ...s, ...setOf(policies) };
  const a = analyzeSnapshot(snap);
  const reach = buildReachability(snap);
  return { findings: a.findings, connections: [...reach.connectivity.connections], reach };
}

const np = (namespace: string, name: string, spec: NetworkPolicy['spec']): PolicyVersion => ({
  kind: 'NetworkPolicy',
  namespace,
  name,
  object: { namespace, name, spec },
});

/** Each mutation is a list of versions applied to the generated cluster's policies. */
function mutations(base: PolicyMap): { what: string; versions: PolicyVersion[] }[] {
  const first = [...base.values()].find(
    (v) => v.kind === 'NetworkPolicy' && v.name.startsWith('default-deny'),
  )!;
  const team = [...base.values()].find((v) => v.kind === 'NetworkPolicy' && v.name.startsWith('from-team'))!;
  const egress = [...base.values()].find(
    (v) => v.kind === 'NetworkPolicy' && v.name.startsWith('api-egress'),
  )!;
  return [
    { what: 'removing a default deny', versions: [{ ...first, object: undefined } as PolicyVersion] },
    {
      what: 'allowing ingress from every namespace',
      versions: [
        np('ns-00003', 'open-web', {
          podSelector: { matchLabels: { tier: 'web' } },
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        }),
      ],
    },
    {
      what: 'narrowing an egress to one CIDR',
      versions: [
        np((egress as { namespace: string }).namespace, egress.name, {
          podSelector: { matchLabels: { tier: 'api' } },
          policyTypes: ['Egress'],
          egress: [
            { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] },
          ],
        }),
      ],
    },
    {
      what: 'deleting a namespace-selector policy',
      versions: [{ ...team, object: undefined } as PolicyVersion],
    },
    {
      what: 'an AdminNetworkPolicy denying prod to dev',
      versions: [
        {
          kind: 'AdminNetworkPolicy',
          name: 'prod-dev',
          object: {
            name: 'prod-dev',
            priority: 10,
            spec: {
              subject: { namespaces: { matchLabels: { env: 'dev' } } },
              ingress: [
                {
                  name: 'no-prod',
                  action: 'Deny',
                  from: [{ namespaces: { matchLabels: { env: 'prod' } } }],
                },
              ],
            },
          },
        } as PolicyVersion,
      ],
    },
    {
      what: 'a BaselineAdminNetworkPolicy denying everything',
      versions: [
        {
          kind: 'BaselineAdminNetworkPolicy',
          name: 'default',
          object: {
            name: 'default',
            spec: {
              subject: { namespaces: {} },
              ingress: [{ name: 'deny', action: 'Deny', from: [{ namespaces: {} }] }],
            },
          },
        } as PolicyVersion,
      ],
    },
  ];
}

const ids = (fs: readonly { id: string; severity: string }[]): string[] =>
  fs.map((f) => `${f.id} ${f.severity}`).sort();

describe('the incremental change analysis', () => {
  const universe = new Universe(cluster, false);
  const base = mapOf(cluster);
  const before = analyseState(cluster, universe, base);
  const fullBefore = full(cluster, base);

  it('analyses the first state exactly as a full analysis does', () => {
    expect(ids(before.findings)).toEqual(ids(fullBefore.findings));
  });

  for (const m of mutations(base)) {
    describe(`when the change is ${m.what}`, () => {
      const after = applyVersions(base, m.versions);
      const moved = moveState(before, after, cluster, universe, { topRows: 10 });
      const fullAfter = full(cluster, after);

      it('keeps every finding a full analysis of the new state has', () => {
        expect(ids(moved.to.findings)).toEqual(ids(fullAfter.findings));
      });

      it('opens and closes the findings the two full analyses differ by', () => {
        const was = new Set(fullBefore.findings.map((f) => f.id));
        const is = new Set(fullAfter.findings.map((f) => f.id));
        expect(moved.impact.findings?.opened).toBe([...is].filter((x) => !was.has(x)).length);
        expect(moved.impact.findings?.closed).toBe([...was].filter((x) => !is.has(x)).length);
      });

      it('keeps the namespace pair table of the new state', () => {
        const summary = fullAfter.reach.connectivity.namespaces!;
        expect(Object.fromEntries([...moved.to.nsPairs].map(([k, v]) => [k, Object.fromEntries(v)]))).toEqual(
          Object.fromEntries([...nsPairsOf(summary)].map(([k, v]) => [k, Object.fromEntries(v)])),
        );
      });

      it('counts the paths that comparing every connection finds opened, closed and changed', () => {
        const d = diffPaths(fullBefore.connections, fullAfter.connections);
        const count = (c: string): number => d.filter((p) => p.change === c).length;
        expect(moved.impact.paths).toMatchObject({
          opened: count('opened'),
          closed: count('closed'),
          changed: count('changed'),
          external: d.filter((p) => p.scope === 'external').length,
          crossNamespace: d.filter((p) => p.scope === 'cross-namespace').length,
          complete: true,
        });
        expect(d.length).toBeGreaterThan(0);
      });
    });
  }
});
