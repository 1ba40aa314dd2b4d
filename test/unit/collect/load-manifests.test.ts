import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadManifests } from '../../../src/collect/manifests/load-manifests.js';
import { InputError } from '../../../src/model/errors.js';
import { fixedClock } from '../../helpers/paths.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-manifests-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const deny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: web}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

describe('loadManifests', () => {
  describe('when a folder holds several files, sub-folders and multi-document YAML', () => {
    it('reads every object of a known kind and counts the skipped ones', async () => {
      const dir = await folder({
        'a.yaml': `${deny}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`,
        'sub/b.yml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: web, labels: {team: a}}\n',
        'sub/deep/c.json': JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'web' },
          spec: { containers: [{ name: 'x', ports: [{ containerPort: 80, name: 'http' }] }] },
        }),
        'notes.txt': 'ignored',
      });
      const s = await loadManifests({ paths: [dir], now: fixedClock });
      expect(s.networkPolicies.map((p) => p.name)).toEqual(['deny']);
      expect(s.networkPolicies[0]?.origin).toMatch(/a\.yaml:1$/);
      expect(s.pods[0]?.ports).toEqual([{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
      expect(s.namespaces).toEqual([{ name: 'web', labels: { team: 'a' } }]);
      expect(s.collection.skipped).toEqual({ ConfigMap: 1 });
    });
  });

  describe('when a list leaves out the kinds of its items', () => {
    it('takes the kind from the list type', async () => {
      const dir = await folder({
        'pods.json': JSON.stringify({
          kind: 'PodList',
          apiVersion: 'v1',
          items: [{ metadata: { name: 'a', namespace: 'x' }, spec: { containers: [] } }],
        }),
      });
      const s = await loadManifests({ paths: [dir], now: fixedClock });
      expect(s.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['x/a']);
      expect(s.namespaces).toEqual([{ name: 'x', labels: {}, implicit: true }]);
    });
  });

  describe('when a file is malformed', () => {
    it('names the file, the line and the field of a bad value', async () => {
      const dir = await folder({
        'bad.yaml': deny.replace(
          'policyTypes: [Ingress]',
          'policyTypes: [Ingress]\n  ingress:\n  - ports:\n    - port: 80\n      protocol: TCPX',
        ),
      });
      const err = await loadManifests({ paths: [dir], now: fixedClock }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).exitCode).toBe(2);
      expect((err as InputError).message).toMatch(
        /bad\.yaml:10 spec\.ingress\[0\]\.ports\[0\]\.protocol: must be one of TCP, UDP, SCTP/,
      );
    });

    it('rejects a misspelt NetworkPolicy field instead of dropping it, and suggests the right one', async () => {
      const dir = await folder({
        'typo.yaml': deny.replace(
          'policyTypes: [Ingress]',
          'policyTypes: [Ingress]\n  ingress:\n  - from:\n    - ipblock: {cidr: 10.0.0.0/8}\n    prot: 80',
        ),
      });
      const err = (await loadManifests({ paths: [dir], now: fixedClock }).catch(
        (e: unknown) => e,
      )) as InputError;
      expect(err).toBeInstanceOf(InputError);
      expect(err.message).toMatch(
        /typo\.yaml:9 spec\.ingress\[0\]\.from\[0\]\.ipblock: unknown field \(did you mean "ipBlock"\?\)/,
      );
      expect(err.message).toMatch(
        /typo\.yaml:10 spec\.ingress\[0\]\.prot: unknown field \(did you mean "ports"\?\)/,
      );
    });

    it('names the line of a YAML syntax error', async () => {
      const dir = await folder({
        'broken.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [unclosed\n',
      });
      const err = (await loadManifests({ paths: [dir], now: fixedClock }).catch(
        (e: unknown) => e,
      )) as InputError;
      expect(err).toBeInstanceOf(InputError);
      expect(err.problems[0]?.file).toMatch(/broken\.yaml$/);
      expect(err.problems[0]?.line).toBeGreaterThanOrEqual(4);
      expect(err.message).toMatch(/not valid YAML/);
    });
  });
});
