import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readManifestFast } from '../../../src/collect/manifests/fast-read.js';
import { parseManifestLocated } from '../../../src/collect/manifests/load-manifests.js';
import { SnapshotBuilder } from '../../../src/collect/objects/builder.js';
import { findConformanceCases } from '../../helpers/conformance-corpus.js';
import { repoRoot } from '../../helpers/paths.js';

function manifestFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const full = path.join(dir, n);
      if (statSync(full).isDirectory()) return manifestFiles(full);
      return /\.(ya?ml|json)$/.test(n) ? [full] : [];
    });
}

function corpusManifests(): string[] {
  const cases = findConformanceCases();
  return cases ? manifestFiles(cases).filter((f) => f.includes(`${path.sep}input${path.sep}`)) : [];
}

const files = [
  ...manifestFiles(path.join(repoRoot, 'examples', 'demo', 'cluster')),
  // The netpol-analyzer corpus adds many more shapes when it is there (see README, Development).
  ...corpusManifests(),
];

function both(
  text: string,
  file = 'f.yaml',
): { fast: SnapshotBuilder | undefined; located: SnapshotBuilder } {
  const fast = new SnapshotBuilder();
  const took = readManifestFast(text, file, fast);
  const located = new SnapshotBuilder();
  parseManifestLocated(text, file, located);
  return { fast: took ? fast : undefined, located };
}

describe('the fast manifest reader', () => {
  it('reads the demo cluster and the conformance corpus, most files without the located parser', () => {
    let fast = 0;
    for (const f of files) {
      const r = both(readFileSync(f, 'utf8'), f);
      if (!r.fast) continue;
      fast++;
      // Same objects, same origins (file:line of each document or List item), same counts.
      expect(r.fast.parts()).toEqual(r.located.parts());
      expect(r.fast.counts).toEqual(r.located.counts);
    }
    expect(files.length).toBeGreaterThan(findConformanceCases() ? 100 : 5);
    expect(fast).toBeGreaterThan(files.length * 0.8);
  });

  it('names the line of each item of a JSON List and of each YAML document', () => {
    const np = (name: string): object => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: 'a' },
      spec: { podSelector: {} },
    });
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [np('x'), np('y')] }, null, 2);
    const j = both(`\n${json}`, 'l.json');
    expect(j.fast?.networkPolicies.map((p) => p.origin)).toEqual(['l.json:6', 'l.json:17']);
    expect(j.fast?.networkPolicies).toEqual(j.located.networkPolicies);
    const yaml = [
      '# a comment',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: x, namespace: a}',
      'spec: {podSelector: {}}',
      '---',
      '',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: networking.k8s.io/v1',
      '  kind: NetworkPolicy',
      '  metadata: {name: y, namespace: a}',
      '  spec: {podSelector: {}}',
      '-',
      '  apiVersion: networking.k8s.io/v1',
      '  kind: NetworkPolicy',
      '  metadata: {name: z, namespace: a}',
      '  spec: {podSelector: {}}',
    ].join('\n');
    const y = both(yaml);
    expect(y.fast?.networkPolicies.map((p) => p.origin)).toEqual(['f.yaml:3', 'f.yaml:12', 'f.yaml:17']);
    expect(y.fast?.networkPolicies).toEqual(y.located.networkPolicies);
  });

  it('leaves anchors, tags, problems and warnings to the located parser (and the builder untouched)', () => {
    const b = new SnapshotBuilder();
    for (const text of [
      'apiVersion: v1\nkind: Namespace\nmetadata: &m {name: a}\n',
      'apiVersion: v1\nkind: Namespace\nmetadata: !!map {name: a}\n',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {}\n',
      '- not an object\n',
      'apiVersion: v1\nkind: List\nitems: [{kind: Namespace, apiVersion: v1, metadata: {name: a}}]\n',
      '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}, } ',
    ])
      expect(readManifestFast(text, 'f.yaml', b)).toBe(false);
    expect(b.parts()).toEqual(new SnapshotBuilder().parts());
  });
});
