import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { startHubbleRelay, type RelayServer } from '../../helpers/hubble-relay/index.js';
import { repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const epoch = { SOURCE_DATE_EPOCH: '1768471200' }; // 2026-01-15T10:00:00Z

let relay: RelayServer | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

async function report(args: string[]) {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-relay-cli-'));
  const r = await runBuiltCli(
    ['report', '--manifests', demo, '--unsigned', '--formats', 'json', '--out', out, ...args],
    { env: epoch },
  );
  return { ...r, dir: r.stdout.trim().split('\n').pop() ?? '' };
}

describe('report --hubble-relay', () => {
  it('reads the --flows-since window ending at the run time and records the relay as the source', async () => {
    relay = await startHubbleRelay({
      responses: [
        {
          flow: {
            time: { seconds: 1768420800, nanos: 5 },
            verdict: 'DROPPED',
            drop_reason_desc: 'POLICY_DENIED',
            l4: { TCP: { source_port: 40112, destination_port: 8443 } },
            source: { namespace: 'staging', pod_name: 'storefront-preview-5c4d8b9f7-z7w1x' },
            destination: { namespace: 'payments', pod_name: 'payment-gateway-84f6d9c7d-l2n5t' },
          },
        },
      ],
    });
    const r = await report(['--hubble-relay', relay.address, '--flows-since', '6h']);
    expect(r.code).toBe(0);
    expect(relay.requests).toEqual([
      { since: { seconds: 1768471200 - 6 * 3600, nanos: 0 }, until: { seconds: 1768471200, nanos: 0 } },
    ]);
    const e = JSON.parse(await readFile(path.join(r.dir, 'evidence.json'), 'utf8')) as {
      flows: { sources: unknown[]; counts: { byOutcome: { enforced: number } } };
    };
    expect(e.flows.sources).toEqual([
      {
        type: 'hubble-relay',
        address: relay.address,
        since: '2026-01-15T04:00:00.000Z',
        until: '2026-01-15T10:00:00.000Z',
        records: 1,
        malformed: 0,
      },
    ]);
    expect(e.flows.counts.byOutcome.enforced).toBe(1);
  });

  it('refuses --hubble-ca without --hubble-relay, a bad address and a bad duration (exit 2)', async () => {
    const a = await report(['--hubble-ca', 'ca.pem']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--hubble-ca and --flows-since need --hubble-relay HOST:PORT');
    const b = await report(['--hubble-relay', 'relay.example']);
    expect(b.stderr).toContain('--hubble-relay: "relay.example" is not HOST:PORT');
    const c = await report(['--hubble-relay', 'relay:4245', '--flows-since', 'yesterday']);
    expect(c.stderr).toContain('--flows-since: "yesterday" is not a duration');
  });

  it('exits 3 when the relay cannot be reached', async () => {
    relay = await startHubbleRelay({});
    const address = relay.address;
    await relay.close();
    relay = undefined;
    const r = await report(['--hubble-relay', address]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`hubble-relay ${address}: GetFlows failed`);
  });
});
