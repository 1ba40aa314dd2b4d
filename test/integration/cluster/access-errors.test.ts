import { createServer } from 'node:net';
import { AppError } from '../../../src/model/errors.js';
import { makeServerCerts } from '../../helpers/api-server/index.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { startHarness, type Harness } from './harness.js';

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const port = (s.address() as { port: number }).port;
  await new Promise((done) => s.close(done));
  return port;
}

describe('collectClusterSnapshot when access fails', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ objects: sampleCluster() });
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.server.faults.length = 0;
  });

  describe('when the token is rejected (401)', () => {
    it('says authentication failed for the server, with exit code 3', async () => {
      const kubeconfig = await h.server.kubeconfigPath(h.dir, {
        token: 'stale-token',
        file: 'bad-token.yaml',
      });
      const e = await failure(h.collect({ kubeconfig }));
      expect(e.code).toBe('CLUSTER_ACCESS');
      expect(e.exitCode).toBe(3);
      expect(e.message).toContain(`authentication failed for ${h.server.url}`);
    });
  });

  describe('when RBAC forbids listing a resource (403)', () => {
    it('names the verb, the resource and its API group and points at the ClusterRole', async () => {
      h.server.faults.push({ path: '/apis/networking.k8s.io/v1/networkpolicies', status: 403 });
      const e = await failure(h.collect());
      expect(e.exitCode).toBe(3);
      expect(e.message).toContain(
        'cannot list resource "networkpolicies" in API group "networking.k8s.io" at the cluster scope',
      );
      expect(e.message).toContain('deploy/rbac/clusterrole.yaml');
    });

    it('names the core group as "" for core resources', async () => {
      h.server.faults.push({ path: '/api/v1/pods', status: 403 });
      const e = await failure(h.collect());
      expect(e.message).toContain('cannot list resource "pods" in API group "" at the cluster scope');
    });
  });

  describe('when a required list is not served (404)', () => {
    it('fails naming the request', async () => {
      h.server.faults.push({ path: '/apis/batch/v1/cronjobs', status: 404 });
      const e = await failure(h.collect());
      expect(e.exitCode).toBe(3);
      expect(e.message).toMatch(/GET \/apis\/batch\/v1\/cronjobs\?limit=500 on \S+ failed with HTTP 404/);
    });
  });

  describe('when the kubeconfig trusts another CA', () => {
    it('reports a TLS failure naming the server', async () => {
      const other = makeServerCerts('someone-else');
      const kubeconfig = await h.server.kubeconfigPath(h.dir, { caPem: other.caPem, file: 'wrong-ca.yaml' });
      const e = await failure(h.collect({ kubeconfig }));
      expect(e.exitCode).toBe(3);
      expect(e.message).toContain(`TLS verification of ${h.server.url} failed`);
      expect(e.message).toContain('certificate-authority');
    });
  });

  describe('when nothing listens at the server address', () => {
    it('says the connection was refused, naming the server, without retrying', async () => {
      const server = `https://127.0.0.1:${await closedPort()}`;
      const kubeconfig = await h.server.kubeconfigPath(h.dir, { server, file: 'refused.yaml' });
      const e = await failure(h.collect({ kubeconfig }));
      expect(e.exitCode).toBe(3);
      expect(e.message).toBe(`cannot connect to ${server}: connection refused`);
      expect(h.waits).toEqual([]);
    });
  });
});
