import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { TestRepo } from '../../helpers/git-repo.js';

const WORKLOADS = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: blog}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: blog}
spec:
  template:
    metadata: {labels: {app: blog}}
    spec: {containers: [{name: c}]}
`;
const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
const OPEN_DB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-anywhere, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{namespaceSelector: {}}]
`;

async function folders(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-impact-'));
  for (const [side, files] of Object.entries({ base: [WORKLOADS, DENY], head: [WORKLOADS, DENY, OPEN_DB] })) {
    await mkdir(path.join(dir, side));
    await writeFile(path.join(dir, side, 'all.yaml'), files.join('---\n'));
  }
  return dir;
}

describe('netpol-evidence impact', () => {
  describe('between two folders of manifests', () => {
    it('lists the added policy, the paths it opens across namespaces first, and the findings it opens', async () => {
      const dir = await folders();
      const r = await runBuiltCli(['impact', '--base', 'base', '--head', 'head', '-o', 'json'], { cwd: dir });
      expect(r.stderr).not.toMatch(/error:/);
      expect(r.code).toBe(0);
      const i = JSON.parse(r.stdout) as {
        diff: {
          policies: { policy: string; change: string }[];
          paths: { src: string; dst: string; change: string; scope: string }[];
          findings: { rule: string; change: string; severity: string }[];
          coverage: { namespace: string }[];
        };
      };
      expect(i.diff.policies).toEqual([
        { policy: 'NetworkPolicy shop/db-from-anywhere', change: 'added', fields: [] },
      ]);
      const opened = i.diff.paths.filter((p) => p.change === 'opened');
      expect(opened.map((p) => `${p.src} => ${p.dst} ${p.scope}`)).toEqual([
        'blog/app[Deployment] => shop/db[Deployment] cross-namespace',
        'shop/web[Deployment] => shop/db[Deployment] same-namespace',
      ]);
      expect(i.diff.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'allow-all-rule', change: 'opened', severity: 'high' }),
        ]),
      );
    });

    it('exits 1 with --fail-on high and prints a Markdown comment', async () => {
      const dir = await folders();
      const r = await runBuiltCli(
        ['impact', '--base', 'base', '--head', 'head', '-o', 'md', '--fail-on', 'high'],
        { cwd: dir },
      );
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n')[0]).toBe('### Network policy impact: `base` → `head`');
      expect(r.stdout).toContain('| Policies added / removed / changed | 1 / 0 / 0 |');
      expect(r.stdout).toMatch(/\| Gate \| ❌ \d+ opened finding\(s\) at or above high \|/);
    });

    it('does not fail the gate on a finding covered by an accepted exception', async () => {
      const dir = await folders();
      await writeFile(
        path.join(dir, 'exceptions.yaml'),
        "exceptions:\n  - rule: allow-all-rule\n    resource: { namespace: shop, name: db-from-anywhere }\n    justification: Reporting tools in every namespace read the database during the migration.\n    approver: Dana Ruiz (CISO)\n    expires: '2099-12-31'\n",
      );
      const args = ['impact', '--base', 'base', '--head', 'head', '--fail-on', 'high'];
      const r = await runBuiltCli([...args, '--exceptions', 'exceptions.yaml'], { cwd: dir });
      expect(r.stdout).toContain('Gate: pass, no opened finding at or above high');
      expect(r.code).toBe(0);
    });

    it('exits 0 the other way round (the change closes paths) and 2 for a missing folder', async () => {
      const dir = await folders();
      const back = await runBuiltCli(['impact', '--base', 'head', '--head', 'base', '--fail-on', 'high'], {
        cwd: dir,
      });
      expect(back.code).toBe(0);
      expect(back.stdout).toContain('closed  blog/app[Deployment] => shop/db[Deployment]');
      const missing = await runBuiltCli(['impact', '--base', 'nowhere', '--head', 'base'], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('nowhere: no such file or folder');
    });
  });

  describe('with the workloads of a live snapshot', () => {
    it("analyses both sides over the snapshot's workloads when the folders hold only policies", async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-impact-live-'));
      for (const [side, text] of Object.entries({
        live: WORKLOADS,
        base: DENY,
        head: [DENY, OPEN_DB].join('---\n'),
      })) {
        await mkdir(path.join(dir, side));
        await writeFile(path.join(dir, side, 'all.yaml'), text);
      }
      const snap = await runBuiltCli(['snapshot', '--manifests', 'live', '--output', 'snap.json'], {
        cwd: dir,
      });
      expect(snap.code).toBe(0);
      const alone = await runBuiltCli(['impact', '--base', 'base', '--head', 'head', '-o', 'json'], {
        cwd: dir,
      });
      expect((JSON.parse(alone.stdout) as { diff: { paths: unknown[] } }).diff.paths).toEqual([]);
      const r = await runBuiltCli(
        ['impact', '--base', 'base', '--head', 'head', '--snapshot', 'snap.json', '-o', 'json'],
        {
          cwd: dir,
        },
      );
      expect(r.code).toBe(0);
      const i = JSON.parse(r.stdout) as { diff: { paths: { src: string; dst: string; change: string }[] } };
      expect(i.diff.paths.map((p) => `${p.change} ${p.src} => ${p.dst}`)).toEqual([
        'opened blog/app[Deployment] => shop/db[Deployment]',
        'opened shop/web[Deployment] => shop/db[Deployment]',
      ]);
    });
  });

  describe('between two Git refs', () => {
    it('reads the manifests under --git-path at each ref', async () => {
      const repo = new TestRepo();
      repo.write('k8s/workloads.yaml', WORKLOADS).write('k8s/deny.yaml', DENY).write('README.md', '# app\n');
      repo.commit('workloads and default deny');
      repo.git(['tag', 'v1']);
      repo.write('k8s/db.yaml', OPEN_DB).write('other/ignored.yaml', 'not: [valid');
      repo.commit('open the database');
      const r = await runBuiltCli(
        [
          'impact',
          '--git-repo',
          repo.dir,
          '--git-path',
          'k8s/**',
          '--base',
          'v1',
          '--head',
          'main',
          '--fail-on',
          'high',
        ],
        { cwd: repo.dir },
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('added   NetworkPolicy shop/db-from-anywhere');
      expect(r.stdout).toContain(
        'opened  blog/app[Deployment] => shop/db[Deployment] : All Connections (cross-namespace)',
      );
      expect(r.stdout).toMatch(/Gate: FAIL/);
      const unknown = await runBuiltCli(
        ['impact', '--git-repo', repo.dir, '--git-path', 'k8s/**', '--base', 'nope', '--head', 'main'],
        {
          cwd: repo.dir,
        },
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('nope: unknown ref');
    });
  });
});
