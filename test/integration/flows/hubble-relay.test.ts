import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { readHubbleRelay } from '../../../src/collect/hubble-relay/client.js';
import { AppError } from '../../../src/model/errors.js';
import { startHubbleRelay, type RelayServer } from '../../helpers/hubble-relay/index.js';

const since = new Date('2026-01-14T00:00:00Z');
const until = new Date('2026-01-15T00:00:00Z');
const ts = (iso: string) => ({ seconds: Math.floor(Date.parse(iso) / 1000), nanos: 102938475 });

const endpoint = (ns: string, app: string, pod: string, kind = 'Deployment') => ({
  ID: 1893,
  identity: 40211,
  namespace: ns,
  labels: [`k8s:app=${app}`, `k8s:io.kubernetes.pod.namespace=${ns}`],
  pod_name: pod,
  workloads: [{ name: app, kind }],
});

const responses = [
  { node_status: Buffer.from([8, 1]), node_name: 'worker-1' },
  {
    flow: {
      time: ts('2026-01-14T09:00:01Z'),
      verdict: 'FORWARDED',
      IP: { source: '10.244.1.17', destination: '10.244.2.31' },
      l4: { TCP: { source_port: 51324, destination_port: 8080, flags: { SYN: true } } },
      source: endpoint('web', 'storefront', 'storefront-6d8f9c7b5-4xk2p'),
      destination: endpoint('api', 'orders-api', 'orders-api-7b9d6c5f4-q8m2z'),
      traffic_direction: 'EGRESS',
      is_reply: { value: false },
    },
    node_name: 'worker-1',
    time: ts('2026-01-14T09:00:01Z'),
  },
  {
    flow: {
      time: ts('2026-01-14T09:00:02Z'),
      verdict: 'FORWARDED',
      l4: { TCP: { source_port: 8080, destination_port: 51324, flags: { SYN: true, ACK: true } } },
      source: endpoint('api', 'orders-api', 'orders-api-7b9d6c5f4-q8m2z'),
      destination: endpoint('web', 'storefront', 'storefront-6d8f9c7b5-4xk2p'),
      is_reply: { value: true },
    },
  },
  {
    flow: {
      time: ts('2026-01-14T09:05:44Z'),
      verdict: 'DROPPED',
      drop_reason_desc: 'POLICY_DENIED',
      l4: { TCP: { source_port: 40112, destination_port: 8443 } },
      source: endpoint('staging', 'storefront-preview', 'storefront-preview-5c4d8b9f7-z7w1x'),
      destination: endpoint('payments', 'payment-gateway', 'payment-gateway-84f6d9c7d-l2n5t'),
    },
  },
  {
    flow: {
      time: ts('2026-01-14T09:06:00Z'),
      verdict: 'FORWARDED',
      destination: endpoint('api', 'x', 'x-1'),
    },
  },
];

let relay: RelayServer | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

describe('reading flows from Hubble Relay (Observer.GetFlows over gRPC)', () => {
  it('asks for the window, reads each flow like hubble observe, and names malformed ones', async () => {
    relay = await startHubbleRelay({ responses });
    const obs = await readHubbleRelay({ address: relay.address, since, until });
    expect(relay.requests).toEqual([
      { since: { seconds: 1768348800, nanos: 0 }, until: { seconds: 1768435200, nanos: 0 } },
    ]);
    expect(obs.sources).toEqual([
      {
        type: 'hubble-relay',
        address: relay.address,
        since: '2026-01-14T00:00:00.000Z',
        until: '2026-01-15T00:00:00.000Z',
        records: 5,
        malformed: 1,
      },
    ]);
    expect(obs.otherEvents).toBe(1);
    expect(obs.warnings).toEqual([
      `hubble-relay ${relay.address}: response 5: malformed flow: flow.source: missing`,
    ]);
    expect(obs.aggregates.map((a) => [a.src.workload?.name, a.port, a.verdict, a.reply])).toEqual([
      ['orders-api', 51324, 'forwarded', true],
      ['storefront-preview', 8443, 'policy-dropped', false],
      ['storefront', 8080, 'forwarded', false],
    ]);
    expect(obs.aggregates.find((a) => a.port === 8080)).toMatchObject({
      firstSeen: '2026-01-14T09:00:01.102938475Z',
      src: {
        namespace: 'web',
        pod: 'storefront-6d8f9c7b5-4xk2p',
        ip: '10.244.1.17',
        labels: { app: 'storefront' },
      },
    });
  });

  it('speaks TLS to a relay whose certificate --hubble-ca signed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-relay-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      relay = await startHubbleRelay({
        responses: responses.slice(1, 2),
        tls: {
          key: await readFile(path.join(dir, 'key.pem')),
          cert: await readFile(path.join(dir, 'cert.pem')),
        },
      });
      const obs = await readHubbleRelay({
        address: relay.address,
        caFile: path.join(dir, 'cert.pem'),
        since,
        until,
      });
      expect(obs.aggregates).toHaveLength(1);
      await expect(
        readHubbleRelay({ address: relay.address, since, until, timeoutMs: 5000 }),
      ).rejects.toThrow(AppError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('turns a failing or unreachable relay into an access error (exit 3)', async () => {
    relay = await startHubbleRelay({ fail: grpc.status.PERMISSION_DENIED });
    const err = await readHubbleRelay({ address: relay.address, since, until }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).exitCode).toBe(3);
    expect((err as AppError).message).toContain('GetFlows failed (PERMISSION_DENIED: relay says no)');
    const addr = relay.address;
    await relay.close();
    relay = undefined;
    await expect(readHubbleRelay({ address: addr, since, until, timeoutMs: 3000 })).rejects.toThrow(
      /hubble-relay 127\.0\.0\.1:\d+: GetFlows failed \((UNAVAILABLE|DEADLINE_EXCEEDED)/,
    );
  });
});
