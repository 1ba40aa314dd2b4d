// When each change reached the cluster: Argo CD and Flux objects served by the loopback Kubernetes API, and the
// revisions they report matched to a real Git repository's commits.
import { collectGitEvidence } from '../../../src/collect/git/index.js';
import { silentLogger } from '../../../src/model/log.js';
import type { Snapshot } from '../../../src/model/snapshot.js';
import type { RawObject } from '../../helpers/api-server/index.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { netpol, TestRepo } from '../../helpers/git-repo.js';
import { startHarness, type Harness } from '../cluster/harness.js';

const repo = new TestRepo(new Date('2026-01-05T09:00:00Z'));
const c1 = repo.write('clusters/prod/a.yaml', netpol('a', 'a')).commit('add a');
const c2 = repo.write('clusters/prod/b.yaml', netpol('b', 'b')).commit('add b');
const c3 = repo.write('clusters/prod/a.yaml', netpol('a', 'a', 81)).commit('tighten a');
const c4 = repo.write('clusters/prod/b.yaml', netpol('b', 'b', 81)).commit('tighten b');

function application(history: { revision: string; deployedAt: string }[]): RawObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'network-policies', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://github.com/org/policies.git',
        path: 'clusters/prod',
        targetRevision: 'main',
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
    },
    status: {
      sync: { status: 'Synced', revision: history[history.length - 1]?.revision },
      health: { status: 'Healthy' },
      history: history.map((h, i) => ({
        id: i,
        revision: h.revision,
        deployStartedAt: h.deployedAt,
        deployedAt: h.deployedAt,
        source: {
          repoURL: 'https://github.com/org/policies.git',
          path: 'clusters/prod',
          targetRevision: 'main',
        },
      })),
      operationState: {
        phase: 'Succeeded',
        startedAt: history[history.length - 1]?.deployedAt,
        finishedAt: history[history.length - 1]?.deployedAt,
        syncResult: { revision: history[history.length - 1]?.revision },
      },
    },
  };
}

function kustomization(name: string, status: Record<string, unknown>): RawObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: 'flux-system' },
    spec: {
      interval: '10m',
      path: './clusters/prod',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'policies' },
    },
    status,
  };
}

const gitRepository: RawObject = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name: 'policies', namespace: 'flux-system' },
  spec: { interval: '1m', url: 'https://github.com/org/policies', ref: { branch: 'main' } },
  status: {
    artifact: {
      revision: `main@sha1:${c4}`,
      lastUpdateTime: '2026-01-06T10:00:00Z',
      digest: 'sha256:00',
      path: 'x',
      url: 'http://source-controller/x',
    },
  },
};

const GROUPS = ['argoproj.io', 'kustomize.toolkit.fluxcd.io', 'source.toolkit.fluxcd.io'];

describe('deployedAt from GitOps controllers', () => {
  let h: Harness;
  let snapshot: Snapshot;
  beforeAll(async () => {
    h = await startHarness({
      objects: [
        ...sampleCluster(),
        application([
          { revision: c1, deployedAt: '2026-01-05T10:00:00Z' },
          { revision: 'f'.repeat(40), deployedAt: '2026-01-05T11:00:00Z' },
          { revision: c2, deployedAt: '2026-01-05T12:00:00Z' },
        ]),
        kustomization('apps', {
          lastAppliedRevision: `main@sha1:${c3}`,
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'ReconciliationSucceeded',
              lastTransitionTime: '2026-01-04T00:00:00Z',
              message: `Applied revision: main@sha1:${c3}`,
            },
          ],
          history: [
            {
              digest: 'sha256:1',
              firstReconciled: '2026-01-05T13:00:00Z',
              lastReconciled: '2026-01-05T14:00:00Z',
              lastReconciledDuration: '1s',
              lastReconciledStatus: 'ReconciliationSucceeded',
              totalReconciliations: 3,
              metadata: { revision: `main@sha1:${c3}` },
            },
          ],
        }),
        kustomization('old-flux', {
          lastAppliedRevision: `main@sha1:${c4}`,
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'ReconciliationSucceeded',
              lastTransitionTime: '2026-01-06T11:00:00Z',
              message: 'Applied',
            },
          ],
        }),
        gitRepository,
      ],
      groups: GROUPS,
    });
    snapshot = await h.collect();
  });
  afterAll(async () => {
    await h.stop();
    repo.cleanup();
  });

  it('reads the revisions each controller reports, with their times', () => {
    expect(
      snapshot.gitops?.map((g) => [
        g.kind,
        g.name,
        g.revision.slice(0, 7),
        g.at,
        g.applied,
        g.approximate ?? false,
      ]),
    ).toEqual([
      ['Application', 'network-policies', c1.slice(0, 7), '2026-01-05T10:00:00.000Z', true, false],
      ['Application', 'network-policies', 'fffffff', '2026-01-05T11:00:00.000Z', true, false],
      ['Application', 'network-policies', c2.slice(0, 7), '2026-01-05T12:00:00.000Z', true, false],
      ['GitRepository', 'policies', c4.slice(0, 7), '2026-01-06T10:00:00.000Z', false, false],
      ['Kustomization', 'apps', c3.slice(0, 7), '2026-01-05T13:00:00.000Z', true, false],
      ['Kustomization', 'old-flux', c4.slice(0, 7), '2026-01-06T11:00:00.000Z', true, true],
    ]);
    expect(snapshot.collection.absentApiGroups).not.toContain('argoproj.io');
  });

  it('gives each change the first applied revision that contains it', async () => {
    const git = await collectGitEvidence({
      repo: repo.dir,
      paths: ['clusters/**'],
      since: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-02-01T00:00:00Z'),
      log: silentLogger,
      deployments: snapshot.gitops ?? [],
    });
    const deployed = Object.fromEntries(git.commits.map((c) => [c.sha, c.deployed]));
    expect(deployed[c1]).toEqual({
      at: '2026-01-05T10:00:00.000Z',
      revision: c1,
      by: 'Argo CD Application argocd/network-policies',
    });
    expect(deployed[c2]).toEqual({
      at: '2026-01-05T12:00:00.000Z',
      revision: c2,
      by: 'Argo CD Application argocd/network-policies',
    });
    expect(deployed[c3]).toEqual({
      at: '2026-01-05T13:00:00.000Z',
      revision: c3,
      by: 'Flux Kustomization flux-system/apps',
    });
    // Only fetched by the GitRepository, applied by a Kustomization without history: the time is approximate.
    expect(deployed[c4]).toEqual({
      at: '2026-01-06T11:00:00.000Z',
      revision: c4,
      by: 'Flux Kustomization flux-system/old-flux',
      approximate: true,
    });
  });
});
