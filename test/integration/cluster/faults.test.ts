import { AppError } from '../../../src/model/errors.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { pagesOf, startHarness, type Harness } from './harness.js';

describe('collectClusterSnapshot under transient failures', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ objects: sampleCluster() });
  });
  afterEach(() => h.stop());

  describe('when a continue token has expired (410 Gone) once', () => {
    it('restarts that list from the beginning and keeps each pod once', async () => {
      h.server.faults.push({ path: '/api/v1/pods', status: 410, onContinue: true, times: 1 });
      const s = await h.collect({ pageSize: 2 });
      const pages = pagesOf(h.server, '/api/v1/pods');
      expect(pages.map((p) => [p.status, p.continue !== undefined])).toEqual([
        [200, false],
        [410, true],
        [200, false],
        [200, true],
        [200, true],
      ]);
      expect(s.pods).toHaveLength(5);
      expect(s.collection.counts.Pod).toBe(5);
      expect(h.logs.some((l) => l.event === 'cluster list restarted' && l.fields?.resource === 'pods')).toBe(
        true,
      );
    });
  });

  describe('when every continue token expires', () => {
    it('gives up after three restarts, naming the resource', async () => {
      h.server.faults.push({ path: '/apis/apps/v1/replicasets', status: 410, onContinue: true });
      const err = await h.collect({ pageSize: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).exitCode).toBe(3);
      expect((err as AppError).message).toMatch(
        /listing replicasets\.apps on https:\/\/127\.0\.0\.1:\d+ failed/,
      );
      expect((err as AppError).message).toMatch(/410 Gone\) 4 times/);
      expect(pagesOf(h.server, '/apis/apps/v1/replicasets').filter((p) => p.status === 410)).toHaveLength(4);
    });
  });

  describe('when the server throttles with 429 and Retry-After', () => {
    it('waits the time the server asked for, then reads the list', async () => {
      h.server.faults.push({ path: '/apis/apps/v1/deployments', status: 429, retryAfter: '7', times: 2 });
      const s = await h.collect();
      expect(h.waits).toEqual([7000, 7000]);
      expect(pagesOf(h.server, '/apis/apps/v1/deployments').map((p) => p.status)).toEqual([429, 429, 200]);
      expect(s.workloads.filter((w) => w.kind === 'Deployment')).toHaveLength(2);
    });
  });

  describe('when the server fails with 5xx before succeeding', () => {
    it('retries with growing waits', async () => {
      h.server.faults.push({ path: '/api/v1/services', status: 500, times: 1 });
      h.server.faults.push({ path: '/api/v1/services', status: 503, times: 2 });
      const s = await h.collect();
      expect(h.waits).toEqual([500, 1000, 2000]);
      expect(s.services).toHaveLength(2);
    });
  });

  describe('when the server keeps failing with 5xx', () => {
    it('stops after maxRetries and names the request and status', async () => {
      h.server.faults.push({ path: '/api/v1/services', status: 500 });
      const err = await h.collect({ maxRetries: 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).exitCode).toBe(3);
      expect((err as AppError).message).toMatch(
        /GET \/api\/v1\/services\?limit=500 on https:\/\/127\.0\.0\.1:\d+ failed/,
      );
      expect((err as AppError).message).toMatch(/HTTP 500: Internal error occurred/);
      expect(pagesOf(h.server, '/api/v1/services')).toHaveLength(3);
    });
  });

  describe('when a response does not come within the request timeout', () => {
    it('abandons that request and retries it', async () => {
      // The timeout is generous so that only the hanging request hits it on a loaded machine
      h.server.faults.push({ path: '/version', hangMs: 8000, times: 1 });
      const s = await h.collect({ requestTimeoutMs: 3000 });
      expect(h.waits).toEqual([500]);
      expect(s.source.type).toBe('cluster');
      expect(
        h.logs.some((l) => l.event === 'cluster request retried' && /3000 ms/.test(String(l.fields?.error))),
      ).toBe(true);
    });
  });
});
