// Runs lint over inline YAML files (the real loader's parser and positions, no disk).
import { lintManifests } from '../../../../src/analyze/lint/index.js';
import { SnapshotBuilder } from '../../../../src/collect/objects/builder.js';
import { lintText } from '../../../../src/collect/manifests/lint-load.js';
import type { LintObject, LintReport } from '../../../../src/model/lint.js';
import type { Snapshot } from '../../../../src/model/snapshot.js';
import { emptySnapshot } from '../../../helpers/empty-snapshot.js';

export function lintYaml(files: Readonly<Record<string, string>>, live?: Snapshot): LintReport {
  const b = new SnapshotBuilder();
  const objects: LintObject[] = [];
  for (const [file, text] of Object.entries(files)) {
    const got = lintText(text, file, b);
    if (got.problems.length) throw new Error(JSON.stringify(got.problems));
    objects.push(...got.objects);
  }
  return lintManifests({
    files: Object.keys(files),
    objects,
    manifests: emptySnapshot(b.parts()),
    ...(live ? { live } : {}),
  });
}

/** "rule file:line:column" of every result of `rule`. */
export function where(report: LintReport, rule: string): string[] {
  return report.results.filter((r) => r.ruleId === rule).map((r) => `${r.file}:${r.line}:${r.column}`);
}

/** A Deployment whose pods carry `labels` and the named container ports. */
export function deployment(ns: string, name: string, labels: Record<string, string>, ports = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
    spec:
      containers:
        - name: c
          ports: [${ports}]
`;
}

export function namespace(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: ${JSON.stringify(labels)}\n`;
}

/** A default-deny (ingress and egress, with DNS allowed) so namespace-level rules stay quiet. */
export function baseline(ns: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
    - to: [{ipBlock: {cidr: 10.96.0.10/32}}]
      ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`;
}

export const docs = (...parts: string[]): string => parts.join('---\n');

/** "file:line:column" of the `nth` occurrence of `needle` in `text` (found by plain text search). */
export function at(file: string, text: string, needle: string, nth = 1): string {
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, i).split('\n');
  return `${file}:${before.length}:${before[before.length - 1]!.length + 1}`;
}
