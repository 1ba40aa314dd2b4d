import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadManifests } from '../../../src/collect/manifests/load-manifests.js';
import { InputError } from '../../../src/model/errors.js';
import { fixedClock } from '../../helpers/paths.js';

async function load(text: string): Promise<unknown> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-cilium-'));
  await writeFile(path.join(dir, 'cnp.yaml'), text);
  return loadManifests({ paths: [dir], now: fixedClock }).catch((e: unknown) => e);
}

const head = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web, namespace: shop}
`;

interface Case {
  readonly what: string;
  readonly text: string;
  /** The located message expected (file:line field: message). */
  readonly message: RegExp;
}

const cases: Case[] = [
  {
    what: 'a misspelt peer field',
    text: `${head}spec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoint: [{}]\n`,
    message: /cnp\.yaml:7 spec\.ingress\[0\]\.fromEndpoint: unknown field \(did you mean "fromEndpoints"\?\)/,
  },
  {
    what: 'an unknown entity',
    text: `${head}spec:\n  endpointSelector: {}\n  egress:\n  - toEntities: [internet]\n`,
    message: /cnp\.yaml:7 spec\.egress\[0\]\.toEntities\[0\]: must be one of all, world/,
  },
  {
    what: 'a port out of range',
    text: `${head}spec:\n  endpointSelector: {}\n  ingress:\n  - toPorts:\n    - ports:\n      - port: "70000"\n`,
    message: /cnp\.yaml:9 spec\.ingress\[0\]\.toPorts\[0\]\.ports\[0\]\.port: must be a port number/,
  },
  {
    what: 'an unknown protocol',
    text: `${head}spec:\n  endpointSelector: {}\n  ingress:\n  - toPorts:\n    - ports:\n      - {port: "80", protocol: HTTP}\n`,
    message:
      /cnp\.yaml:9 spec\.ingress\[0\]\.toPorts\[0\]\.ports\[0\]\.protocol: must be one of TCP, UDP, SCTP/,
  },
  {
    what: 'a CIDR that does not parse',
    text: `${head}spec:\n  endpointSelector: {}\n  egress:\n  - toCIDRSet:\n    - {cidr: 10.0.0.0/33}\n`,
    message: /cnp\.yaml:8 spec\.egress\[0\]\.toCIDRSet\[0\]\.cidr: "10\.0\.0\.0\/33" is not a CIDR/,
  },
  {
    what: 'L7 rules in a deny rule',
    text: `${head}spec:\n  endpointSelector: {}\n  ingressDeny:\n  - toPorts:\n    - rules: {http: [{}]}\n`,
    message: /cnp\.yaml:8 spec\.ingressDeny\[0\]\.toPorts\[0\]\.rules: unknown field/,
  },
  {
    what: 'a nodeSelector in a namespaced policy',
    text: `${head}spec:\n  nodeSelector: {}\n`,
    message: /cnp\.yaml:5 spec\.nodeSelector: is only valid in a CiliumClusterwideNetworkPolicy/,
  },
  {
    what: 'a bad matchExpressions operator',
    text: `${head}spec:\n  endpointSelector:\n    matchExpressions: [{key: app, operator: Equals}]\n`,
    message: /cnp\.yaml:6 spec\.endpointSelector\.matchExpressions\[0\]\.operator: must be one of In, NotIn/,
  },
  {
    what: 'enableDefaultDeny that is not a boolean',
    text: `${head}spec:\n  endpointSelector: {}\n  enableDefaultDeny: {ingress: "no"}\n`,
    message: /cnp\.yaml:6 spec\.enableDefaultDeny\.ingress: must be true or false/,
  },
];

describe('Cilium policy validation at load time', () => {
  describe.each(cases)('when a CiliumNetworkPolicy has $what', ({ text, message }) => {
    it('refuses the input (exit 2) naming file, line and field', async () => {
      const err = await load(text);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).exitCode).toBe(2);
      expect((err as InputError).message).toMatch(message);
    });
  });

  describe('when a policy uses the top-level specs list', () => {
    it('keeps every rule of specs for the analysis', async () => {
      const s = await load(
        `${head}specs:\n- endpointSelector: {matchLabels: {app: a}}\n  ingress: [{}]\n- endpointSelector: {}\n  egress: [{toEntities: [world]}]\n`,
      );
      expect(s).not.toBeInstanceOf(Error);
      const p = (s as { otherPolicies: { specs?: unknown[]; origin?: string }[] }).otherPolicies[0];
      expect(p?.specs).toHaveLength(2);
      expect(p?.origin).toMatch(/cnp\.yaml:1$/);
    });
  });
});
