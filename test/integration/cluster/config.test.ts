import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../src/model/errors.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { startHarness, type Harness } from './harness.js';

describe('collectClusterSnapshot choosing its cluster', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ objects: sampleCluster() });
  });
  afterAll(() => h.stop());

  describe('when --context names a context of the kubeconfig', () => {
    it('uses it and records it as the source name', async () => {
      const kubeconfig = await h.server.kubeconfigPath(h.dir, { context: 'prod-eu', file: 'ctx.yaml' });
      const s = await h.collect({ kubeconfig, context: 'prod-eu' });
      expect(s.source.name).toBe('prod-eu');
    });
  });

  describe('when --context names no context', () => {
    it('is a usage error that lists the contexts', async () => {
      const e = await h.collect({ context: 'staging' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).exitCode).toBe(2);
      expect((e as AppError).message).toBe(
        '--context staging: no such context in the kubeconfig (contexts: test)',
      );
    });
  });

  describe('when no --kubeconfig is given', () => {
    it('reads the file KUBECONFIG names', async () => {
      const s = await h.collect({ kubeconfig: undefined, env: { KUBECONFIG: h.kubeconfig } });
      expect(s.source.name).toBe('test');
    });

    it('merges the files KUBECONFIG lists, the first to set a name winning (as kubectl does)', async () => {
      const first = await h.server.kubeconfigPath(path.join(h.dir, 'k1'), { context: 'one' });
      const second = await h.server.kubeconfigPath(path.join(h.dir, 'k2'), {
        context: 'two',
        token: 'other',
      });
      const env = { KUBECONFIG: [first, second].join(path.delimiter) };
      expect((await h.collect({ kubeconfig: undefined, env })).source.name).toBe('one');
      // Context "two" comes from the second file, but its user name was set first by the first file.
      const s = await h.collect({ kubeconfig: undefined, env, context: 'two' });
      expect(s.source.name).toBe('two');
    });

    it('reads ~/.kube/config', async () => {
      const home = path.join(h.dir, 'home');
      await h.server.kubeconfigPath(path.join(home, '.kube'), { file: 'config', context: 'from-home' });
      const s = await h.collect({ kubeconfig: undefined, env: { HOME: home } });
      expect(s.source.name).toBe('from-home');
    });
  });

  describe('when running in a pod with a service account and no kubeconfig', () => {
    it('uses the mounted token and CA, and names the source by the server host', async () => {
      const root = path.join(h.dir, 'pod');
      const sa = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
      await mkdir(sa, { recursive: true });
      await writeFile(path.join(sa, 'token'), h.server.token);
      await writeFile(path.join(sa, 'ca.crt'), h.server.caPem);
      await writeFile(path.join(sa, 'namespace'), 'netpol-evidence');
      const port = new URL(h.server.url).port;
      const s = await h.collect({
        kubeconfig: undefined,
        env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port },
        serviceAccountPrefix: root,
      });
      expect(s.source.name).toBe(`127.0.0.1:${port}`);
      expect(s.source.type === 'cluster' && s.source.cluster.context).toBeUndefined();
      expect(s.pods).toHaveLength(5);
    });
  });

  describe('when no configuration exists at all', () => {
    it('says how to give one, with exit code 3', async () => {
      const e = await h
        .collect({ kubeconfig: undefined, env: { HOME: path.join(h.dir, 'empty-home') } })
        .catch((x: unknown) => x);
      expect((e as AppError).exitCode).toBe(3);
      expect((e as AppError).message).toMatch(/^no cluster configured: give --kubeconfig FILE/);
    });
  });

  describe('when --kubeconfig names a missing file', () => {
    it('is an input error naming the file', async () => {
      const file = path.join(h.dir, 'nope.yaml');
      const e = await h.collect({ kubeconfig: file }).catch((x: unknown) => x);
      expect((e as AppError).exitCode).toBe(2);
      expect((e as AppError).message).toBe(`--kubeconfig ${file}: kubeconfig file not found`);
    });
  });
});
