import { describe, expect, it } from '@jest/globals';
import { emptySnapshot } from '../../../helpers/empty-snapshot.js';
import { at, baseline, deployment, docs, lintYaml, namespace, where } from './lint-helpers.js';

const NS = docs(
  namespace('shop'),
  deployment('shop', 'web', { app: 'web' }, '{containerPort: 8080, name: http}'),
  baseline('shop'),
);

const policy = (name: string, spec: string, ns = 'shop'): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

describe('lint rule schema', () => {
  it('points at a misspelt field and suggests the known one', () => {
    const text = policy('p', '  podSelector: {}\n  ingress:\n    - prots: [{port: 80}]\n');
    const r = lintYaml({ 'base.yaml': NS, 'p.yaml': text });
    expect(where(r, 'schema')).toEqual([at('p.yaml', text, 'prots')]);
    expect(r.results.find((x) => x.ruleId === 'schema')?.message).toContain('did you mean "ports"');
  });
  it('checks AdminNetworkPolicy fields and actions too', () => {
    const text = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: a
spec:
  priority: 10
  subject: {namespaces: {}}
  ingress:
    - action: Alow
      form: [{namespaces: {}}]
`;
    const r = lintYaml({ 'base.yaml': NS, 'a.yaml': text });
    const got = r.results
      .filter((x) => x.ruleId === 'schema')
      .map((x) => `${x.file}:${x.line}:${x.column} ${x.message}`);
    expect(got).toEqual(
      expect.arrayContaining([
        `${at('a.yaml', text, 'action')} spec.ingress[0].action: must be one of Allow, Deny, Pass`,
        `${at('a.yaml', text, 'form')} spec.ingress[0].form: unknown field (did you mean "from"?)`,
      ]),
    );
  });
  it('is quiet for a well-formed policy', () => {
    expect(where(lintYaml({ 'base.yaml': NS }), 'schema')).toEqual([]);
  });
});

describe('lint rule selector-matches-nothing', () => {
  it('points at a podSelector that selects no workload', () => {
    const text = policy('p', '  podSelector: {matchLabels: {app: wbe}}\n  policyTypes: [Ingress]\n');
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'selector-matches-nothing')).toEqual([
      at('p.yaml', text, 'podSelector'),
    ]);
  });
  it('uses the live labels of --snapshot', () => {
    const text = policy('p', '  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n');
    const files = { 'base.yaml': NS, 'p.yaml': text };
    expect(where(lintYaml(files), 'selector-matches-nothing')).toHaveLength(1);
    const live = emptySnapshot({
      namespaces: [{ name: 'shop', labels: {} }],
      workloads: [
        {
          kind: 'Deployment',
          namespace: 'shop',
          name: 'api',
          podLabels: { app: 'api' },
          labels: {},
          ports: [],
        },
      ],
    });
    expect(where(lintYaml(files, live), 'selector-matches-nothing')).toEqual([]);
  });
  it('is quiet when the selector matches a workload', () => {
    const text = policy('p', '  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n');
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'selector-matches-nothing')).toEqual([]);
  });
});

describe('lint rule peer-matches-nothing', () => {
  const spec = (app: string): string =>
    `  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: ${app}}}\n      ports: [{port: 8080}]\n`;
  it('points at the peer selector with a typo', () => {
    const text = policy('p', spec('wbe'));
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'peer-matches-nothing')).toEqual([
      at('p.yaml', text, 'podSelector', 2),
    ]);
  });
  it('points at a namespaceSelector that matches no namespace', () => {
    const text = policy(
      'p',
      spec('web').replace(
        '- podSelector',
        '- namespaceSelector: {matchLabels: {team: x}}\n          podSelector',
      ),
    );
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'peer-matches-nothing')).toEqual([
      at('p.yaml', text, 'namespaceSelector'),
    ]);
  });
  it('is quiet when the peer matches a workload', () => {
    expect(
      where(lintYaml({ 'base.yaml': NS, 'p.yaml': policy('p', spec('web')) }), 'peer-matches-nothing'),
    ).toEqual([]);
  });
});

describe('lint rules allow-all-peers and allow-all-ports', () => {
  it('points at a rule without from, a {} namespaceSelector and 0.0.0.0/0', () => {
    const text = policy(
      'p',
      `  podSelector: {matchLabels: {app: web}}
  ingress:
    - ports: [{port: 8080}]
    - from:
        - namespaceSelector: {}
      ports: [{port: 8080}]
  egress:
    - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
      ports: [{port: 443}]
`,
    );
    const r = lintYaml({ 'base.yaml': NS, 'p.yaml': text });
    expect(where(r, 'allow-all-peers')).toEqual([
      at('p.yaml', text, 'ports: [{port: 8080}]').replace(/:\d+$/, ':7'),
      at('p.yaml', text, 'namespaceSelector'),
      at('p.yaml', text, 'ipBlock'),
    ]);
  });
  it('notes a rule with peers but no ports', () => {
    const text = policy(
      'p',
      '  podSelector: {matchLabels: {app: web}}\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: web}}}]\n',
    );
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'allow-all-ports')).toEqual([
      at('p.yaml', text, 'from: ['),
    ]);
    expect(
      lintYaml({ 'base.yaml': NS, 'p.yaml': text }).results.find((x) => x.ruleId === 'allow-all-ports')
        ?.level,
    ).toBe('note');
  });
  it('is quiet for named peers and ports', () => {
    const text = policy(
      'p',
      '  podSelector: {matchLabels: {app: web}}\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: web}}}]\n      ports: [{port: 8080}]\n',
    );
    const r = lintYaml({ 'base.yaml': NS, 'p.yaml': text });
    expect([...where(r, 'allow-all-peers'), ...where(r, 'allow-all-ports')]).toEqual([]);
  });
});

describe('lint rule no-default-deny', () => {
  it('points at the Namespace of a namespace with workloads and no default deny', () => {
    const text = docs(namespace('blog'), deployment('blog', 'app', { app: 'blog' }));
    const r = lintYaml({ 'base.yaml': NS, 'blog.yaml': text });
    expect(where(r, 'no-default-deny')).toEqual([
      at('blog.yaml', text, 'name: blog'),
      at('blog.yaml', text, 'name: blog'),
    ]);
    expect(r.results.filter((x) => x.ruleId === 'no-default-deny').map((x) => x.level)).toEqual([
      'warning',
      'note',
    ]);
  });
  it('is quiet when the namespace has a default deny both ways', () => {
    expect(where(lintYaml({ 'base.yaml': NS }), 'no-default-deny')).toEqual([]);
  });
});

describe('lint rule named-port-undefined', () => {
  const spec = (port: string): string =>
    `  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: web}}}]\n      ports: [{port: ${port}}]\n`;
  it('points at a port name no selected pod defines', () => {
    const text = policy('p', spec('htpp'));
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'named-port-undefined')).toEqual([
      at('p.yaml', text, 'port: htpp'),
    ]);
  });
  it('is quiet for a name the pods define', () => {
    expect(
      where(lintYaml({ 'base.yaml': NS, 'p.yaml': policy('p', spec('http')) }), 'named-port-undefined'),
    ).toEqual([]);
  });
});

describe('lint rule rule-shadowed', () => {
  it('points at a rule contained in another rule of the same policy', () => {
    const text = policy(
      'p',
      `  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {}}]
      ports: [{port: 8000, endPort: 9000}]
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: 8080}]
`,
    );
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'rule-shadowed')).toEqual([
      at('p.yaml', text, 'from: [{podSelector: {matchLabels'),
    ]);
  });
  it('is quiet when each rule allows something the other does not', () => {
    const text = policy(
      'p',
      `  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: 8080}]
    - from: [{podSelector: {}}]
      ports: [{port: 9090}]
`,
    );
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'rule-shadowed')).toEqual([]);
  });
});

describe('lint rule duplicate-policy', () => {
  const spec = '  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n';
  it('points at the second definition of the same name, and at a copy under another name', () => {
    const a = policy('p', spec);
    const b = docs(policy('p', spec), policy('q', spec));
    const r = lintYaml({ 'base.yaml': NS, 'a.yaml': a, 'b.yaml': b });
    expect(where(r, 'duplicate-policy')).toEqual([
      at('b.yaml', b, 'name: p').replace(/:\d+$/, ':3'),
      at('b.yaml', b, 'spec:', 2),
    ]);
    expect(r.results.filter((x) => x.ruleId === 'duplicate-policy').map((x) => x.level)).toEqual([
      'error',
      'warning',
    ]);
  });
  it('is quiet for distinct policies', () => {
    const r = lintYaml({
      'base.yaml': NS,
      'a.yaml': policy('p', spec),
      'b.yaml': policy('q', spec.replace('Ingress]', 'Egress]')),
    });
    expect(where(r, 'duplicate-policy')).toEqual([]);
  });
});

describe('lint rule egress-deny-without-dns', () => {
  it('points at policyTypes of an egress deny without DNS', () => {
    const text = policy('p', '  podSelector: {}\n  policyTypes: [Egress]\n', 'blog');
    const r = lintYaml({ 'base.yaml': NS, 'ns.yaml': namespace('blog'), 'p.yaml': text });
    expect(where(r, 'egress-deny-without-dns')).toEqual([at('p.yaml', text, 'policyTypes')]);
  });
  it('is quiet when a rule for the same pods allows UDP 53', () => {
    expect(where(lintYaml({ 'base.yaml': NS }), 'egress-deny-without-dns')).toEqual([]);
  });
});

describe('lint rule namespace-not-found', () => {
  const text = policy('p', '  podSelector: {}\n  policyTypes: [Ingress]\n', 'shpo');
  it('points at metadata.namespace when the namespace is declared nowhere', () => {
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }), 'namespace-not-found')).toEqual([
      at('p.yaml', text, 'namespace:'),
    ]);
  });
  it('is quiet when --snapshot has the namespace', () => {
    const live = emptySnapshot({ namespaces: [{ name: 'shpo', labels: {} }] });
    expect(where(lintYaml({ 'base.yaml': NS, 'p.yaml': text }, live), 'namespace-not-found')).toEqual([]);
  });
});

describe('lint rule anp-priority-overlap', () => {
  const anp = (name: string, prio: number, subject: string): string =>
    `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  priority: ${prio}\n  subject: ${subject}\n  ingress:\n    - action: Deny\n      from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}]\n`;
  const shop = '{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}';
  it('points at the priority of the second ANP whose subject overlaps', () => {
    const text = docs(
      anp('a', 5, shop),
      anp('b', 5, '{namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}'),
    );
    expect(where(lintYaml({ 'base.yaml': NS, 'anp.yaml': text }), 'anp-priority-overlap')).toEqual([
      at('anp.yaml', text, 'priority', 2),
    ]);
  });
  it('is quiet for distinct priorities', () => {
    const text = docs(anp('a', 5, shop), anp('b', 6, shop));
    expect(where(lintYaml({ 'base.yaml': NS, 'anp.yaml': text }), 'anp-priority-overlap')).toEqual([]);
  });
});

describe('lint on the baseline fixture', () => {
  it('finds nothing in a namespace set up as the rules ask', () => {
    expect(lintYaml({ 'base.yaml': NS }).results).toEqual([]);
  });
});
