// The Star Wars cluster through the built CLI: `report --manifests` analyses its Cilium policies end to end.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const dir = path.join(repoRoot, 'test', 'fixtures', 'cilium', 'starwars');
const epoch = { SOURCE_DATE_EPOCH: '1768471200' };

interface EvidenceView {
  connections: { src: string; dst: string; text: string; l7?: { protocols: string[]; text: string } }[];
  coverage: { namespace: string; ingressDefaultDeny: boolean; selectedIngress: number }[];
  findings: { rule: string; resource: { kind: string; name: string }; explanation: string }[];
  warnings: string[];
}

async function report(extra: string[]): Promise<{ code: number; dir: string; out: string; stderr: string }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-cilium-'));
  const r = await runBuiltCli(
    [
      'report',
      '--unsigned',
      '--formats',
      'html,json,csv',
      '--out',
      out,
      '--manifests',
      path.join(dir, 'workloads'),
      ...extra,
    ],
    { env: epoch },
  );
  return { code: r.code, dir: r.stdout.trim().split('\n').pop() ?? '', out, stderr: r.stderr };
}

describe('netpol-evidence report over Cilium policies', () => {
  describe('when the station admits Empire ships only through an HTTP rule', () => {
    it('lists the connection as L7-restricted in evidence.json, connectivity.csv and the report', async () => {
      const r = await report(['--manifests', path.join(dir, 'l7')]);
      expect(r.code).toBe(0);
      const ev = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as EvidenceView;
      const landing = ev.connections.find(
        (c) => c.src === 'default/tiefighter[Pod]' && c.dst === 'default/deathstar[Deployment]',
      );
      expect(landing).toMatchObject({ text: 'TCP 80', l7: { protocols: ['HTTP'], text: 'TCP 80' } });
      // The deny wins over the allow that matches the probe droid, and the X-wing has no allow at all.
      for (const src of ['default/probe-droid[Pod]', 'default/xwing[Pod]'])
        expect(ev.connections.some((c) => c.src === src && c.dst === 'default/deathstar[Deployment]')).toBe(
          false,
        );
      const csv = await readFile(path.join(r.dir, 'connectivity.csv'), 'utf8');
      expect(csv).toContain(
        'default/tiefighter[Pod],default/deathstar[Deployment],TCP 80 (L7-restricted: HTTP on TCP 80)',
      );
      const html = await readFile(path.join(r.dir, 'report.html'), 'utf8');
      expect(html).toContain('landing-requests-only (cilium.io/v2): analysed with Cilium semantics');
      expect(html).toContain('kind: CiliumClusterwideNetworkPolicy');
      expect(html).not.toMatch(/CiliumNetworkPolicy[^<]*present, not analysed/);
    });
  });

  describe('when a Cilium policy points at something the snapshot does not hold', () => {
    it('names it as a located warning and counts the station (one workload) as isolated', async () => {
      const extra = await mkdtemp(path.join(os.tmpdir(), 'npe-cilium-extra-'));
      await writeFile(
        path.join(extra, 'api.yaml'),
        [
          'apiVersion: cilium.io/v2',
          'kind: CiliumNetworkPolicy',
          'metadata: {name: station-to-api, namespace: default}',
          'spec:',
          '  endpointSelector: {matchLabels: {class: deathstar}}',
          '  egress:',
          '  - toEntities: [kube-apiserver]',
          '',
        ].join('\n'),
      );
      const r = await report(['--manifests', path.join(dir, 'l3-l4'), '--manifests', extra]);
      expect(r.code).toBe(0);
      const ev = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as EvidenceView;
      expect(ev.warnings).toContainEqual(
        expect.stringMatching(
          /api\.yaml:1: CiliumNetworkPolicy\/default\/station-to-api spec\.egress\[0\]\.toEntities\[0\]: entity kube-apiserver has no endpoint/,
        ),
      );
      expect(ev.coverage.find((c) => c.namespace === 'default')).toMatchObject({ selectedIngress: 1 });
      expect(
        ev.findings.some((f) => f.rule === 'workload-not-selected' && f.resource.name === 'deathstar'),
      ).toBe(false);
    });
  });

  describe('when a Cilium policy is malformed', () => {
    it('exits 2 naming the file, line and field, and writes no bundle', async () => {
      const bad = await mkdtemp(path.join(os.tmpdir(), 'npe-cilium-bad-'));
      await writeFile(
        path.join(bad, 'bad.yaml'),
        'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: x, namespace: default}\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoint: [{}]\n',
      );
      const r = await report(['--manifests', bad]);
      expect(r.code).toBe(2);
      expect(await readdir(r.out)).toEqual([]);
      expect(r.stderr).toMatch(
        /bad\.yaml:7 spec\.ingress\[0\]\.fromEndpoint: unknown field \(did you mean "fromEndpoints"\?\)/,
      );
    });
  });
});
