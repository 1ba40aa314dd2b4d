import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { OPTIONAL_GROUPS, REQUIRED_RESOURCES } from '../../../../src/collect/cluster/resources.js';
import { repoRoot } from '../../../helpers/paths.js';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

describe('deploy/rbac/clusterrole.yaml', () => {
  let rules: Rule[];
  beforeAll(async () => {
    const doc = parse(await readFile(path.join(repoRoot, 'deploy/rbac/clusterrole.yaml'), 'utf8')) as {
      kind: string;
      rules: Rule[];
    };
    expect(doc.kind).toBe('ClusterRole');
    rules = doc.rules;
  });

  it('grants get and list on exactly the resources the collector lists, and nothing else', () => {
    const granted = rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${res}.${g}`)));
    const read = [...REQUIRED_RESOURCES, ...OPTIONAL_GROUPS.flatMap((g) => g.resources)].map(
      (t) => `${t.resource}.${t.group}`,
    );
    expect([...granted].sort()).toEqual([...new Set(read)].sort());
  });

  it('is read-only: every rule has the verbs get and list only, with no wildcards', () => {
    for (const r of rules) {
      expect([...r.verbs].sort()).toEqual(['get', 'list']);
      expect([...r.apiGroups, ...r.resources]).not.toContain('*');
      expect(r.nonResourceURLs).toBeUndefined();
    }
  });
});
