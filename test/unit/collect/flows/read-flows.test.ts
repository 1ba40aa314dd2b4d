import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFlowFiles } from '../../../../src/collect/flows/index.js';
import { InputError } from '../../../../src/model/errors.js';
import { repoRoot } from '../../../helpers/paths.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'flows');
const fx = (name: string): string => path.join(fixtures, name);

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'npe-flows-'));
});
afterEach(async () => rm(tmp, { recursive: true, force: true }));

describe('reading Hubble flows as `hubble observe -o json` prints them', () => {
  it('aggregates per workload, keeps replies apart and tells policy drops from others', async () => {
    const obs = await readFlowFiles([fx('hubble-observe.json')]);
    expect(obs.sources).toEqual([
      expect.objectContaining({ type: 'file', format: 'hubble', records: 6, malformed: 0 }),
    ]);
    expect(obs.aggregates).toHaveLength(6);
    const reply = obs.aggregates.filter((a) => a.reply);
    expect(reply).toHaveLength(1);
    expect(reply[0]?.src.workload).toEqual({ kind: 'Deployment', name: 'orders-api' });
    const drop = obs.aggregates.find((a) => a.port === 8443);
    expect(drop).toMatchObject({
      verdict: 'policy-dropped',
      protocol: 'TCP',
      src: {
        namespace: 'staging',
        pod: 'storefront-preview-5c4d8b9f7-z7w1x',
        labels: { app: 'storefront-preview' },
      },
      dst: { namespace: 'payments', ip: '10.244.2.45' },
      firstSeen: '2026-01-14T09:05:44.550129001Z',
    });
    // drop_reason 181 (POLICY_DENY) is a policy drop too
    expect(obs.aggregates.find((a) => a.port === 9090)?.verdict).toBe('policy-dropped');
  });

  it('hashes the file as stored (SHA-256 of its bytes)', async () => {
    const obs = await readFlowFiles([fx('hubble-observe.json')]);
    const want = createHash('sha256')
      .update(await readFile(fx('hubble-observe.json')))
      .digest('hex');
    expect(obs.sources[0]).toMatchObject({ sha256: want });
  });

  it('reads a gzip file by its content whatever its name, and bare Flow objects in camelCase (protojson)', async () => {
    const lines = [
      JSON.stringify({ node_status: { state_change: 'NODE_CONNECTED', node_names: ['worker-1'] } }),
      JSON.stringify({
        time: '2026-01-14T12:00:00Z',
        verdict: 'DROPPED',
        dropReasonDesc: 'CT_MAP_INSERTION_FAILED',
        IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
        l4: { UDP: { sourcePort: 5000, destinationPort: 53 } },
        source: { namespace: 'web', podName: 'storefront-1' },
        destination: { namespace: 'kube-system', podName: 'coredns-1' },
        isReply: false,
      }),
    ];
    const file = path.join(tmp, 'export.log');
    await writeFile(file, gzipSync(lines.join('\n') + '\n'));
    const obs = await readFlowFiles([file]);
    expect(obs.otherEvents).toBe(1);
    expect(obs.aggregates).toEqual([
      expect.objectContaining({ verdict: 'other-dropped', protocol: 'UDP', port: 53, reply: false }),
    ]);
    expect(obs.aggregates[0]?.src).toEqual({ namespace: 'web', pod: 'storefront-1', ip: '10.0.0.1' });
  });
});

describe('reading a Hubble flow from the node itself', () => {
  it('marks the end as the host', async () => {
    const file = path.join(tmp, 'host.json');
    const line = JSON.parse((await readFile(fx('hubble-observe.json'), 'utf8')).split('\n')[0] as string) as {
      flow: Record<string, unknown>;
    };
    line.flow.source = { ID: 0, identity: 1, labels: ['reserved:host'] };
    await writeFile(file, `${JSON.stringify(line)}\n`);
    const obs = await readFlowFiles([file]);
    expect(obs.aggregates[0]?.src).toEqual({ ip: '10.244.1.17', host: true });
  });
});

describe('reading Calico flow logs', () => {
  it('maps aggregated names to pod prefixes, deny to a policy drop, pub to the outside world', async () => {
    const obs = await readFlowFiles([fx('calico-flows.json')]);
    expect(obs.sources[0]).toMatchObject({ format: 'calico', records: 3, malformed: 0 });
    const allow = obs.aggregates.find((a) => a.port === 8080);
    expect(allow).toMatchObject({
      verdict: 'forwarded',
      flows: 12,
      reply: false,
      src: { namespace: 'web', podPrefix: 'storefront-6d8f9c7b5-' },
      firstSeen: '2026-01-14T09:00:00.000000000Z',
    });
    expect(obs.aggregates.find((a) => a.port === 8443)).toMatchObject({
      verdict: 'policy-dropped',
      flows: 2,
    });
    expect(obs.aggregates.find((a) => a.port === 443)?.dst).toEqual({ ip: '203.0.113.10', world: true });
  });
});

describe('reading the generic schema', () => {
  it('reads CSV with a header row and JSON lines alike', async () => {
    const obs = await readFlowFiles([fx('generic.csv'), fx('generic.jsonl')]);
    expect(obs.sources.map((s) => s.type === 'file' && s.format)).toEqual(['generic-csv', 'generic-json']);
    expect(obs.records).toBe(5);
    expect(obs.aggregates.find((a) => a.port === 9090)).toMatchObject({
      flows: 30,
      src: { namespace: 'monitoring', workload: { kind: 'Deployment', name: 'prometheus' } },
    });
    expect(obs.aggregates.find((a) => a.port === 53)).toMatchObject({
      protocol: 'UDP',
      verdict: 'policy-dropped',
      dst: { ip: '198.51.100.7' },
    });
  });

  it('reads every file of a folder, in name order', async () => {
    await mkdir(path.join(tmp, 'logs', 'b'), { recursive: true });
    await writeFile(path.join(tmp, 'logs', 'b', 'two.csv'), await readFile(fx('generic.csv')));
    await writeFile(path.join(tmp, 'logs', 'a.jsonl'), await readFile(fx('generic.jsonl')));
    await writeFile(path.join(tmp, 'logs', '.hidden'), 'not a flow');
    const obs = await readFlowFiles([path.join(tmp, 'logs')]);
    expect(obs.sources.map((s) => (s.type === 'file' ? path.basename(s.path) : ''))).toEqual([
      'a.jsonl',
      'two.csv',
    ]);
  });
});

describe('when records are malformed', () => {
  it('counts each one and names it by file and line, and keeps the valid ones', async () => {
    const good = (await readFile(fx('generic.jsonl'), 'utf8')).split('\n')[0] as string;
    const file = path.join(tmp, 'mixed.jsonl');
    await writeFile(
      file,
      [
        good,
        '{"src_namespace":"web","src_pod":"a","dst_namespace":"api","dst_pod":"b","protocol":"TCP","port":99999,"verdict":"allowed"}',
        '{not json',
        '',
        '{"src_namespace":"web","src_pod":"a","dst_namespace":"api","dst_pod":"b","protocol":"TCP","port":80,"verdict":"maybe"}',
      ].join('\n'),
    );
    const obs = await readFlowFiles([file]);
    expect(obs.malformed).toBe(3);
    expect(obs.sources[0]).toMatchObject({ records: 4, malformed: 3 });
    expect(obs.warnings).toEqual([
      `${file}:2: malformed flow record: port: 99999 is not a port (1-65535)`,
      expect.stringMatching(new RegExp(`^${file}:3: malformed flow record: not JSON`)),
      `${file}:5: malformed flow record: verdict: "maybe" is not allowed or denied`,
    ]);
    expect(obs.aggregates).toHaveLength(1);
  });

  it('names the missing field of a Hubble record', async () => {
    const file = path.join(tmp, 'h.json');
    const line = (await readFile(fx('hubble-observe.json'), 'utf8')).split('\n')[0] as string;
    const broken = JSON.parse(line) as { flow: Record<string, unknown> };
    delete broken.flow.destination;
    await writeFile(file, `${line}\n${JSON.stringify(broken)}\n`);
    const obs = await readFlowFiles([file]);
    expect(obs.warnings).toEqual([`${file}:2: malformed flow record: flow.destination: missing`]);
  });

  it('refuses a file with no valid record (input error, exit 2) naming it', async () => {
    const file = path.join(tmp, 'bad.csv');
    await writeFile(file, 'time,src_pod,dst_pod,protocol,port,verdict\nx,a,b,TCP,80,allowed\n');
    const err = await readFlowFiles([file]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).message).toContain(`${file}: has no valid flow record`);
    expect((err as InputError).message).toContain('time: "x" is not an ISO-8601 time');
  });

  it('refuses a file in no known format, an empty file and a missing path', async () => {
    const other = path.join(tmp, 'other.json');
    await writeFile(other, '{"hello":"world"}\n');
    await expect(readFlowFiles([other])).rejects.toThrow(
      `${other}:1: is not a Hubble, Calico or generic flow record`,
    );
    const empty = path.join(tmp, 'empty.json');
    await writeFile(empty, '\n\n');
    await expect(readFlowFiles([empty])).rejects.toThrow(`${empty}: is empty: no flow record`);
    await expect(readFlowFiles([path.join(tmp, 'nope')])).rejects.toThrow(
      'flow file or folder does not exist',
    );
  });
});
