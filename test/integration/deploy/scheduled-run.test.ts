// The CronJob's run, outside a container: the image's ENTRYPOINT and CMD from the Dockerfile (with /app as
// this checkout and the config path pointing at a test config), against the loopback API server, pushing to
// a bare Git repository as the evidence locker, twice, with retention.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApiServer, type ApiServer } from '../../helpers/api-server/index.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { builtCli, runBuiltCli, type CliRun } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const gitEnv = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...gitEnv }, encoding: 'utf8' }).trim();

/** ENTRYPOINT + CMD of the image, as exec-form arrays. */
async function imageCommand(): Promise<{ entrypoint: string[]; cmd: string[] }> {
  const text = await readFile(path.join(repoRoot, 'Dockerfile'), 'utf8');
  const json = (op: string): string[] =>
    JSON.parse(new RegExp(`^${op}\\s+(\\[.*\\])\\s*$`, 'm').exec(text)?.[1] ?? '[]');
  return { entrypoint: json('ENTRYPOINT'), cmd: json('CMD') };
}

let server: ApiServer;
let dir: string;
let args: string[];

beforeAll(async () => {
  server = await startApiServer({ objects: sampleCluster() });
  dir = await mkdtemp(path.join(os.tmpdir(), 'npe-scheduled-'));
  await server.kubeconfigPath(dir, { file: 'kubeconfig' });
  git(dir, 'init', '-q', '--bare', 'locker.git');
  git(path.join(dir, 'locker.git'), 'config', 'receive.denyNonFastForwards', 'true');
  // Valid from before the first simulated day: a certificate must be valid at the report's (past) time.
  const keys = await runBuiltCli(['keys', 'create', '--out', path.join(dir, 'signing')], {
    env: { SOURCE_DATE_EPOCH: String(Date.parse('2026-01-01T00:00:00Z') / 1000) },
  });
  expect(keys.code).toBe(0);
  await writeFile(
    path.join(dir, 'config.yaml'),
    [
      'kubeconfig: kubeconfig',
      'source-name: loopback',
      'out: reports',
      'formats: [json, csv]',
      'sign-key: signing/key.pem',
      'sign-cert: signing/cert.pem',
      'locker-git: locker.git',
      'keep: 1',
      '',
    ].join('\n'),
  );
  const { entrypoint, cmd } = await imageCommand();
  expect(entrypoint).toEqual(['node', '/app/dist/src/cli/main.js']);
  expect(cmd).toEqual(['report', '--config', '/etc/netpol-evidence/config.yaml']);
  // runBuiltCli runs `node <builtCli>`: the entrypoint with /app replaced by this checkout.
  expect(entrypoint[1]?.replace('/app', repoRoot)).toBe(builtCli);
  args = cmd.map((a) => (a === '/etc/netpol-evidence/config.yaml' ? path.join(dir, 'config.yaml') : a));
});

afterAll(async () => {
  await server?.close();
});

/** One scheduled run at `iso` (SOURCE_DATE_EPOCH), from an unrelated working directory, logs as a Job's. */
function scheduledRun(iso: string, extra: readonly string[] = []): Promise<CliRun> {
  return runBuiltCli([...args, ...extra], {
    cwd: os.tmpdir(),
    env: { ...gitEnv, NETPOL_EVIDENCE_LOG_FORMAT: '', SOURCE_DATE_EPOCH: String(Date.parse(iso) / 1000) },
  });
}

const events = (r: CliRun): { level: string; event: string }[] =>
  r.stderr
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { level: string; event: string });

describe('the scheduled run (the image’s command line)', () => {
  it('collects from the API server, writes a signed bundle, commits it to the locker and logs JSON lines', async () => {
    const r = await scheduledRun('2026-01-15T02:17:00Z');
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    expect(() => events(r)).not.toThrow();
    expect(server.requests.some((q) => q.path === '/api/v1/pods' && q.status === 200)).toBe(true);
    const bundles = await readdir(path.join(dir, 'reports', 'loopback'));
    expect(bundles).toContain('2026-01-15T02-17-00Z');
    const manifest = await readFile(
      path.join(dir, 'reports', 'loopback', '2026-01-15T02-17-00Z', 'manifest.json'),
    );
    const digest = createHash('sha256').update(manifest).digest('hex');
    const locker = path.join(dir, 'locker.git');
    expect(git(locker, 'log', '-1', '--format=%B', 'evidence/loopback')).toContain(digest);
    expect(git(locker, 'ls-tree', '-r', '--name-only', 'evidence/loopback')).toContain(
      'loopback/2026-01-15T02-17-00Z/manifest.json',
    );
  });

  it('on the next day adds a second commit, and retention keeps the bundle the hash chain needs', async () => {
    const r = await scheduledRun('2026-01-16T02:17:00Z');
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    expect(events(r).map((e) => e.event)).toContain('retention.held-for-chain');
    const bundles = (await readdir(path.join(dir, 'reports', 'loopback'))).filter((n) => !n.startsWith('.'));
    expect(bundles.sort()).toEqual(['2026-01-15T02-17-00Z', '2026-01-16T02-17-00Z']);
    expect(git(path.join(dir, 'locker.git'), 'rev-list', '--count', 'evidence/loopback')).toBe('2');
  });

  it('takes a flag over the config file: --keep-unchained cuts the chain and records the cut', async () => {
    const r = await scheduledRun('2026-01-17T02:17:00Z', ['--keep-unchained']);
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    const folder = path.join(dir, 'reports', 'loopback');
    const entries = (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();
    expect(entries).toEqual(['2026-01-17T02-17-00Z', 'chain-anchor.json']);
    const anchor = JSON.parse(await readFile(path.join(folder, 'chain-anchor.json'), 'utf8'));
    expect(anchor.anchor.bundle).toBe('2026-01-17T02-17-00Z');
    expect(anchor.cuts[0].removed.map((b: { bundle: string }) => b.bundle)).toEqual([
      '2026-01-15T02-17-00Z',
      '2026-01-16T02-17-00Z',
    ]);
    expect(git(path.join(dir, 'locker.git'), 'rev-list', '--count', 'evidence/loopback')).toBe('3');

    // The cut is recorded in an unsigned file: verify --chain names it and accepts it only when told to.
    const bundle = path.join(folder, '2026-01-17T02-17-00Z');
    const ca = path.join(dir, 'signing', 'cert.pem');
    const strict = await runBuiltCli(['verify', bundle, '--ca', ca, '--chain']);
    expect(strict.code).toBe(5);
    expect(strict.stdout).toMatch(/^FAIL chain 2026-01-17T02-17-00Z -> .* was pruned by retention/m);
    const accepted = await runBuiltCli(['verify', bundle, '--ca', ca, '--chain', '--accept-retention-cut']);
    expect(accepted.code).toBe(0);
  });
});
