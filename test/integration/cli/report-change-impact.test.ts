// Each policy change's assessed effect through the real `report --git-repo` command, over a real Git history
// made with the git CLI: a commit that opens a path, one that changes nothing, one that closes it, and one
// whose desired state cannot be rendered.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { TestRepo } from '../../helpers/git-repo.js';

const WORKLOADS = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: pay }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: pay, labels: { app: api } }
spec: { containers: [{ name: c, ports: [{ name: http, containerPort: 8080 }] }] }
`;

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: pay }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;

const ALLOW = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-shop, namespace: pay }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: shop } } }]
      ports: [{ port: 8080 }]
`;

interface Impact {
  status: string;
  reason?: string;
  policies?: { added: number; removed: number; changed: number; top: string[] };
  paths?: { opened: number; closed: number; crossNamespace: number; top: Record<string, string>[] };
  findings?: { opened: number; closed: number; top: { rule: string; resource: string; change: string }[] };
}

interface Evidence {
  changes: { sha: string; subject: string; impact?: Impact }[];
  git: { impactBasis: { statement: string; assessed: number; unknown: number; workloads: number } };
}

let tmp = '';
let repo: TestRepo;
let bundle = '';
let evidence: Evidence;
const sha: Record<string, string> = {};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'npe-impact-report-'));
  await mkdir(path.join(tmp, 'cluster'));
  await writeFile(path.join(tmp, 'cluster', 'workloads.yaml'), WORKLOADS);
  repo = new TestRepo(new Date('2026-01-05T09:00:00Z'));
  repo.write('k8s/deny.yaml', DENY);
  sha.deny = repo.commit('Pay: default deny ingress');
  repo.write('k8s/allow.yaml', ALLOW);
  sha.allow = repo.commit('Pay: let the shop call the API');
  repo.write('k8s/allow.yaml', `# reviewed by the platform team\n${ALLOW}`);
  sha.comment = repo.commit('Pay: comment only');
  repo.remove('k8s/allow.yaml');
  sha.remove = repo.commit('Pay: the shop no longer calls the API');
  // An overlay whose resource does not exist: kustomize cannot render it (or kubectl is missing).
  repo.write('k8s/overlay/kustomization.yaml', 'resources:\n  - missing.yaml\n');
  sha.overlay = repo.commit('Pay: an overlay that does not render');
  const out = path.join(tmp, 'out');
  const r = await runBuiltCli(
    [
      'report',
      '--manifests',
      path.join(tmp, 'cluster'),
      '--unsigned',
      '--formats',
      'json,csv,html',
      '--out',
      out,
      '--git-repo',
      repo.dir,
      '--git-path',
      'k8s/**',
      '--since',
      '2026-01-01',
      '--until',
      '2026-01-10',
    ],
    { env: { SOURCE_DATE_EPOCH: '1768039200' } },
  );
  if (r.code !== 0) throw new Error(`report failed (${r.code}): ${r.stderr}`);
  bundle = r.stdout.trim().split('\n').pop() as string;
  evidence = JSON.parse(await readFile(path.join(bundle, 'evidence.json'), 'utf8')) as Evidence;
}, 120_000);

afterAll(async () => {
  repo?.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

const impactOf = (s: string): Impact | undefined => evidence.changes.find((c) => c.sha === s)?.impact;

describe('report --git-repo: the assessed effect of each change', () => {
  it('reports the path a commit opened, across namespaces, with its port', () => {
    expect(impactOf(sha.allow!)).toMatchObject({
      status: 'assessed',
      policies: { added: 1, removed: 0, changed: 0, top: ['NetworkPolicy pay/api-from-shop (added)'] },
      paths: {
        opened: 1,
        closed: 0,
        crossNamespace: 1,
        top: [
          {
            src: 'shop/web[Pod]',
            dst: 'pay/api[Pod]',
            change: 'opened',
            after: 'TCP 8080',
            scope: 'cross-namespace',
          },
        ],
      },
    });
  });

  it('reports the paths and findings a default deny closed', () => {
    const i = impactOf(sha.deny!);
    expect(i?.status).toBe('assessed');
    expect(i?.paths?.top).toContainEqual(
      expect.objectContaining({ src: 'shop/web[Pod]', dst: 'pay/api[Pod]', change: 'closed' }),
    );
    expect(i?.findings?.top).toContainEqual(
      expect.objectContaining({
        rule: 'default-deny-ingress-missing',
        resource: 'Namespace pay',
        change: 'closed',
      }),
    );
  });

  it('assesses a commit that changes only a comment as changing nothing', () => {
    expect(impactOf(sha.comment!)).toMatchObject({
      status: 'assessed',
      policies: { added: 0, removed: 0, changed: 0 },
      paths: { opened: 0, closed: 0 },
      findings: { opened: 0, closed: 0 },
    });
  });

  it('reports the path a deletion closed', () => {
    expect(impactOf(sha.remove!)).toMatchObject({
      status: 'assessed',
      policies: { removed: 1, top: ['NetworkPolicy pay/api-from-shop (removed)'] },
      paths: { opened: 0, closed: 1, top: [{ src: 'shop/web[Pod]', dst: 'pay/api[Pod]', change: 'closed' }] },
    });
  });

  it('says unknown, with the overlay that did not render, when the desired state cannot be determined', () => {
    const i = impactOf(sha.overlay!);
    expect(i?.status).toBe('unknown');
    expect(i?.reason).toMatch(/kustomize k8s\/overlay \(/);
    expect(i?.paths).toBeUndefined();
  });

  it("says the effects were assessed against this report's workloads, not those of the time", () => {
    expect(evidence.git.impactBasis).toMatchObject({ assessed: 4, unknown: 1, workloads: 2 });
    expect(evidence.git.impactBasis.statement).toContain(
      'not against the workloads that ran when the change was made',
    );
  });

  it('writes the counts to changes.csv and the block to the report', async () => {
    const rows = (await readFile(path.join(bundle, 'changes.csv'), 'utf8')).trim().split('\r\n');
    const header = rows[0]!.split(',');
    const row = rows.find((r) => r.startsWith(sha.allow!))!.split(',');
    expect(row[header.indexOf('impact')]).toBe('assessed');
    expect(row[header.indexOf('paths_opened')]).toBe('1');
    expect(row[header.indexOf('paths_cross_namespace')]).toBe('1');
    expect(row[header.indexOf('top_paths')]).toBe('opened shop/web[Pod] -> pay/api[Pod] (TCP 8080)');
    const html = (await readFile(path.join(bundle, 'report.html'), 'utf8')).replace(/<[^>]+>/g, ' ');
    expect(html).toContain('Assessed effect of each change');
    expect(html).toContain('opened shop/web[Pod] → pay/api[Pod] (TCP 8080)');
  });
});
