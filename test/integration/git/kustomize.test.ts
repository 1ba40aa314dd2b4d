import { rmSync } from 'node:fs';
import path from 'node:path';
import { collectGitEvidence } from '../../../src/collect/git/index.js';
import { silentLogger } from '../../../src/model/log.js';
import { netpol, TestRepo } from '../../helpers/git-repo.js';

const period = {
  since: new Date('2026-01-01T00:00:00Z'),
  until: new Date('2026-03-01T00:00:00Z'),
  log: silentLogger,
};

describe('collectGitEvidence with kustomize overlays and Helm charts', () => {
  const repo = new TestRepo();
  beforeAll(() => {
    repo
      .write('clusters/prod/base/kustomization.yaml', 'resources: [deny.yaml]\n')
      .write(
        'clusters/prod/base/deny.yaml',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny }\nspec: { podSelector: {} }\n',
      )
      .write(
        'clusters/prod/overlay/kustomization.yaml',
        'namespace: payments\nnamePrefix: prod-\nresources: [../base]\n',
      )
      .write('clusters/prod/chart/Chart.yaml', 'apiVersion: v2\nname: policies\nversion: 0.1.0\n')
      .write(
        'clusters/prod/chart/templates/np.yaml',
        '{{- if .Values.enabled }}\nkind: NetworkPolicy\n{{- end }}\n',
      )
      .write('clusters/prod/plain.yaml', netpol('web', 'web'));
    repo.commit('Policies as an overlay, a chart and a plain file');
  });
  afterAll(() => repo.cleanup());

  it('renders the overlay with kubectl kustomize and reads plain files, skipping the chart', async () => {
    const ev = await collectGitEvidence({ ...period, repo: repo.dir, paths: ['clusters/prod/**'] });
    expect(ev.headPolicies.networkPolicies.map((p) => `${p.namespace}/${p.name}`).sort()).toEqual([
      'payments/prod-deny',
      'web/web',
    ]);
    expect(ev.unrendered).toEqual([
      {
        path: 'clusters/prod/base',
        tool: 'kustomize',
        rendered: true,
        reason: 'rendered as part of clusters/prod/overlay',
      },
      { path: 'clusters/prod/chart', tool: 'helm', rendered: false, reason: 'Helm charts are not rendered' },
      { path: 'clusters/prod/overlay', tool: 'kustomize', rendered: true },
    ]);
    expect(ev.warnings.map((w) => w.where)).toEqual(['clusters/prod/chart']);
  });
});

describe('collectGitEvidence when a blob outside the overlay is missing (a partial clone)', () => {
  const repo = new TestRepo();
  beforeAll(() => {
    repo
      .write('base/kustomization.yaml', 'resources: [deny.yaml]\n')
      .write(
        'base/deny.yaml',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny }\nspec: { podSelector: {} }\n',
      )
      .write('overlays/prod/kustomization.yaml', 'namespace: payments\nresources: [../../base]\n')
      .write('docs/unrelated.md', 'a file kustomize never reads\n');
    repo.commit('An overlay on a base outside the policy paths, and an unrelated file');
    // Remove the unrelated file's blob from the object store, as a blobless clone would lack it.
    const blob = repo.git(['rev-parse', 'HEAD:docs/unrelated.md']).trim();
    rmSync(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
  });
  afterAll(() => repo.cleanup());

  it('extracts only the paths the kustomization needs and still renders it', async () => {
    expect(() => repo.git(['archive', '--format=tar', 'HEAD'])).toThrow();
    const ev = await collectGitEvidence({ ...period, repo: repo.dir, paths: ['overlays/**'] });
    expect(ev.headPolicies.networkPolicies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['payments/deny']);
    expect(ev.unrendered).toEqual([{ path: 'overlays/prod', tool: 'kustomize', rendered: true }]);
  });
});
