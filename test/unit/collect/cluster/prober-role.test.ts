import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { PROBER_ROLE_FILE } from '../../../../src/collect/cluster/probe-api.js';
import { repoRoot } from '../../../helpers/paths.js';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const yaml = async (f: string): Promise<Record<string, unknown>> =>
  parse(await readFile(path.join(repoRoot, f), 'utf8')) as Record<string, unknown>;

describe('the opt-in prober ClusterRole (deploy/rbac/prober)', () => {
  it('grants exactly what probe run calls: patch pods/ephemeralcontainers, get pods/log, get/list/watch pods', async () => {
    const role = await yaml(PROBER_ROLE_FILE);
    expect(role.kind).toBe('ClusterRole');
    const granted = (role.rules as Rule[])
      .flatMap((r) =>
        r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${res}.${g}`))),
      )
      .sort();
    expect(granted).toEqual([
      'get pods.',
      'get pods/log.',
      'list pods.',
      'patch pods/ephemeralcontainers.',
      'watch pods.',
    ]);
  });

  it('is bound to its own service account, not to the CronJob reader', async () => {
    const binding = await yaml('deploy/rbac/prober/clusterrolebinding.yaml');
    expect(binding.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'netpol-evidence-prober' });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'netpol-evidence-prober', namespace: 'netpol-evidence' },
    ]);
  });

  it('stays out of the default deployment, which remains read-only', async () => {
    const k = await yaml('deploy/kustomization.yaml');
    expect((k.resources as string[]).filter((r) => r.includes('prober'))).toEqual([]);
    const reader = await yaml('deploy/rbac/clusterrole.yaml');
    for (const r of reader.rules as Rule[]) {
      expect(r.resources.filter((x) => x.includes('/'))).toEqual([]);
      expect(r.verbs).not.toContain('patch');
    }
  });
});
