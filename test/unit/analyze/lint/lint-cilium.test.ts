import { describe, expect, it } from '@jest/globals';
import { at, deployment, docs, lintYaml, namespace, where } from './lint-helpers.js';

const NS = docs(
  namespace('shop'),
  deployment('shop', 'web', { app: 'web' }, '{containerPort: 8080, name: http}'),
);

const cnp = (spec: string): string =>
  `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\n${spec}`;

describe('lint over Cilium policies', () => {
  describe('rule schema', () => {
    it('points at a misspelt Cilium field and suggests the known one', () => {
      const text = cnp('spec:\n  endpointSelector: {}\n  egress:\n    - toEndpoint: [{}]\n');
      const r = lintYaml({ 'base.yaml': NS, 'p.yaml': text });
      expect(where(r, 'schema')).toEqual([at('p.yaml', text, 'toEndpoint')]);
      expect(r.results.find((x) => x.ruleId === 'schema')?.message).toContain('did you mean "toEndpoints"');
    });
    it('points at an entity Cilium does not define', () => {
      const text = cnp('spec:\n  endpointSelector: {}\n  egress:\n    - toEntities: [internet]\n');
      expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'schema')).toEqual([
        at('p.yaml', text, 'internet'),
      ]);
    });
  });

  describe('rule selector-matches-nothing', () => {
    it("points at an endpointSelector that selects no workload in the policy's namespace", () => {
      const text = cnp('spec:\n  endpointSelector: {matchLabels: {app: wbe}}\n  ingress: [{}]\n');
      expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'selector-matches-nothing')).toEqual([
        at('p.yaml', text, 'endpointSelector'),
      ]);
    });
    it('points at the rule of specs that selects nothing, not the one that matches', () => {
      const text = cnp(
        'specs:\n  - endpointSelector: {matchLabels: {"k8s:app": web}}\n    ingress: [{}]\n  - endpointSelector: {matchLabels: {app: db}}\n    ingress: [{}]\n',
      );
      expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'selector-matches-nothing')).toEqual([
        at('p.yaml', text, 'endpointSelector', 2),
      ]);
    });
    it('is quiet when a clusterwide policy selects workloads by namespace label', () => {
      const text =
        'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: c\nspec:\n  endpointSelector: {matchLabels: {"k8s:io.kubernetes.pod.namespace": shop}}\n  egress: [{}]\n';
      expect(where(lintYaml({ 'base.yaml': NS, 'c.yaml': text }), 'selector-matches-nothing')).toEqual([]);
    });
  });
});
