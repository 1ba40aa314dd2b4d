import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApiServer, type ApiServer } from '../../helpers/api-server/index.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { modelOf, oscalValidator } from '../../unit/render/oscal/oscal-schemas.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: ApiServer;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  server = await startApiServer({ objects: sampleCluster() });
  dir = await mkdtemp(path.join(os.tmpdir(), 'npe-live-cli-'));
  kubeconfig = await server.kubeconfigPath(dir);
});

afterAll(async () => {
  await server.close();
});

describe('the CLI against a live cluster (loopback HTTPS API server, real client-node)', () => {
  it('snapshot --kubeconfig saves a snapshot whose connectivity list equals that of the same objects as manifests', async () => {
    const snap = path.join(dir, 'live.json');
    const s = await runBuiltCli(['snapshot', '--kubeconfig', kubeconfig, '--output', snap]);
    expect({ code: s.code, stderr: s.stderr.match(/error.*/)?.[0] }).toEqual({ code: 0, stderr: undefined });

    const manifests = path.join(dir, 'manifests');
    await import('node:fs/promises').then((fs) => fs.mkdir(manifests));
    await writeFile(
      path.join(manifests, 'cluster.yaml'),
      sampleCluster()
        .map((o) => stringify(o))
        .join('---\n'),
    );

    const live = await runBuiltCli(['connlist', '--snapshot', snap]);
    const files = await runBuiltCli(['connlist', '--manifests', manifests]);
    expect(live.code).toBe(0);
    expect(live.stdout.split('\n').length).toBeGreaterThan(3);
    expect(live.stdout).toBe(files.stdout);
    expect(server.requests.some((r) => r.path === '/api/v1/pods')).toBe(true);
  });

  it('report --kubeconfig writes a bundle named after the source, recording the cluster identity', async () => {
    const out = path.join(dir, 'reports');
    const r = await runBuiltCli([
      'report',
      '--kubeconfig',
      kubeconfig,
      '--source-name',
      'loopback',
      '--unsigned',
      '--formats',
      'json',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(await readdir(path.join(out, 'loopback'))).toHaveLength(1);
    const evidence = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(path.join(r.stdout.trim().split('\n').pop() as string, 'evidence.json'), 'utf8'),
      ),
    ) as {
      snapshot: { source: { type: string; cluster: { server: string; kubeSystemUid?: string } } };
      run: { source: Record<string, unknown>; options: Record<string, unknown> };
    };
    expect(evidence.snapshot.source.type).toBe('cluster');
    expect(evidence.snapshot.source.cluster.server).toBe(server.url);
    expect(evidence.snapshot.source.cluster.kubeSystemUid).toMatch(/^[0-9a-f-]{36}$/);
    // The signed run names the API server, the cluster, its version and who the tool was (SelfSubjectReview).
    expect(evidence.run.source).toEqual({
      live: true,
      server: server.url,
      kubeSystemUid: evidence.snapshot.source.cluster.kubeSystemUid,
      serverVersion: 'v1.31.2',
      authenticatedAs: {
        username: 'system:serviceaccount:netpol-evidence:netpol-evidence',
        uid: '5b0c1c2e-0000-4000-8000-000000000001',
        groups: ['system:authenticated', 'system:serviceaccounts', 'system:serviceaccounts:netpol-evidence'],
      },
    });
    expect(evidence.run.options.source).toEqual({ kubeconfig, sourceName: 'loopback' });
  });

  it('report --formats oscal names the organisation and the cluster by its kube-system UID, with consistent times', async () => {
    const out = path.join(dir, 'oscal');
    const r = await runBuiltCli([
      'report',
      '--kubeconfig',
      kubeconfig,
      '--source-name',
      'loopback',
      '--organisation',
      'Loopback Ltd',
      '--unsigned',
      '--formats',
      'oscal',
      '--out',
      out,
    ]);
    expect({ code: r.code, stderr: r.stderr.match(/error.*/)?.[0] }).toEqual({ code: 0, stderr: undefined });
    const bundle = r.stdout.trim().split('\n').pop() as string;
    const read = async (f: string): Promise<Json> =>
      JSON.parse(await readFile(path.join(bundle, f), 'utf8')) as Json;
    const evidence = await read('evidence.json');
    const ssp = (await read('oscal-ssp.json'))['system-security-plan'];
    expect(ssp['system-characteristics']['system-ids']).toEqual([
      {
        'identifier-type': 'https://ietf.org/rfc/rfc4122',
        id: evidence.snapshot.source.cluster.kubeSystemUid,
      },
    ]);
    expect(ssp['system-characteristics'].status.state).toBe('operational');
    const ar = (await read('oscal-assessment-results.json'))['assessment-results'];
    expect(ar.metadata.parties[0]).toMatchObject({ type: 'organization', name: 'Loopback Ltd' });
    // The report's time is taken before the cluster is read: the result still runs start <= collected <= end.
    const res = ar.results[0];
    const t = (x: string): number => Date.parse(x);
    expect(res.start).toBe(evidence.snapshot.collection.startedAt);
    expect(res.observations.length).toBeGreaterThan(0);
    for (const o of res.observations) {
      expect(o.collected).toBe(evidence.snapshot.collection.finishedAt);
      expect(t(res.start)).toBeLessThanOrEqual(t(o.collected));
      expect(t(o.collected)).toBeLessThanOrEqual(t(res.end));
    }
    for (const f of (await readdir(bundle)).filter((x) => x.startsWith('oscal-'))) {
      const doc = await read(f);
      const validate = await oscalValidator(modelOf(doc));
      validate(doc);
      expect({ f, errors: validate.errors ?? [] }).toEqual({ f, errors: [] });
    }
  });

  it('exits 3 naming the server when the token is refused, and writes nothing', async () => {
    const bad = await server.kubeconfigPath(dir, { token: 'wrong', file: 'bad-kubeconfig' });
    const out = path.join(dir, 'refused');
    const r = await runBuiltCli(['report', '--kubeconfig', bad, '--unsigned', '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`authentication failed for ${server.url.replace(/[.]/g, '\\.')}`));
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});
