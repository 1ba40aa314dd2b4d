import { SnapshotBuilder } from '../../../../src/collect/objects/builder.js';
import { parseManifestText } from '../../../../src/collect/manifests/load-manifests.js';
import { analyzeDrift } from '../../../../src/analyze/drift/index.js';
import type { GitPolicySet } from '../../../../src/model/git.js';
import { emptySnapshot } from '../../../helpers/empty-snapshot.js';

function read(yaml: string): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const problems = parseManifestText(yaml, 'test.yaml', b);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return b;
}
const git = (yaml: string): GitPolicySet => {
  const b = read(yaml);
  return {
    networkPolicies: [],
    adminNetworkPolicies: [],
    baselineAdminNetworkPolicies: [],
    otherPolicies: b.otherPolicies,
  };
};
const live = (yaml: string) => emptySnapshot({ otherPolicies: read(yaml).otherPolicies }, 'live');

const cnp = (body: string, name = 'web'): string =>
  `---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: ${name}, namespace: shop }\n${body}\n`;
const base =
  'spec:\n  endpointSelector: { matchLabels: { app: web } }\n  ingress:\n  - fromEndpoints: [{ matchLabels: { app: api } }]\n    toPorts: [{ ports: [{ port: "8080", protocol: TCP }] }]';

describe('drift of Cilium policies', () => {
  describe('when Git and the cluster write the same policy differently', () => {
    it.each([
      ['a port as a number instead of the string the CRD stores', base.replace('"8080"', '8080'), base],
      [
        'an empty matchExpressions list and an empty toPorts list',
        base.replace('{ matchLabels: { app: web } }', '{ matchLabels: { app: web }, matchExpressions: [] }') +
          '\n  egress:\n  - toEntities: [world]\n    toPorts: []',
        `${base}\n  egress:\n  - toEntities: [world]`,
      ],
    ])('reports no drift for %s', (_what, gitBody, liveBody) => {
      expect(analyzeDrift(git(cnp(gitBody)), live(cnp(liveBody))).drift).toEqual([]);
    });
  });

  describe('when the live policy was changed by hand', () => {
    it('reports drift-modified naming the CRD and the field', () => {
      const r = analyzeDrift(git(cnp(base)), live(cnp(base.replace('"8080"', '"9090"'))));
      expect(r.drift).toEqual([
        {
          kind: 'CiliumNetworkPolicy',
          namespace: 'shop',
          name: 'web',
          state: 'modified',
          differences: [{ path: 'spec.ingress[0].toPorts[0].ports[0].port', git: '8080', cluster: '9090' }],
        },
      ]);
      expect(r.findings[0]?.message).toBe(
        'CiliumNetworkPolicy shop/web in the cluster differs from the approved version in Git.',
      );
    });
  });

  describe('when a clusterwide policy runs that Git does not declare', () => {
    it('reports drift-not-in-git for it', () => {
      const ccnp =
        '---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: { name: open }\nspec:\n  endpointSelector: {}\n  ingress: [{ fromEntities: [world] }]\n';
      const r = analyzeDrift(git(cnp(base)), live(`${cnp(base)}${ccnp}`));
      expect(r.findings.map((f) => [f.rule, f.resource.kind, f.resource.name])).toEqual([
        ['drift-not-in-git', 'CiliumClusterwideNetworkPolicy', 'open'],
      ]);
    });
  });

  describe('when a rule of specs differs', () => {
    it('names the path from the object root (specs[i])', () => {
      const specs = (port: string): string =>
        `specs:\n- endpointSelector: {}\n  egress: [{ toPorts: [{ ports: [{ port: "${port}" }] }] }]`;
      const r = analyzeDrift(git(cnp(specs('53'))), live(cnp(specs('54'))));
      expect(r.drift[0]?.differences).toEqual([
        { path: 'specs[0].egress[0].toPorts[0].ports[0].port', git: '53', cluster: '54' },
      ]);
    });
  });
});

describe('Cilium policies in the Git change log', () => {
  it('are policy objects whose spec text changes when a rule changes', async () => {
    const { policyObjectsOf } = await import('../../../../src/collect/git/policy-objects.js');
    const a = policyObjectsOf(cnp(base), 'p.yaml').objects;
    const b = policyObjectsOf(cnp(base.replace('"8080"', '"9090"')), 'p.yaml').objects;
    expect(a.map((o) => [o.kind, o.namespace, o.name])).toEqual([['CiliumNetworkPolicy', 'shop', 'web']]);
    expect(a[0]?.specJson).not.toBe(b[0]?.specJson);
  });
});
