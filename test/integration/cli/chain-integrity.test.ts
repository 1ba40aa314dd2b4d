// The hash chain under concurrency and damage, driven through the built CLI in real processes: runs that
// overlap form one chain (the cluster folder's lock), a stale lock does not stop a run, and a damaged
// earlier bundle is passed over, recorded, and reported by verify as a failure (exit 5), never a crash.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LOCK_FILE } from '../../../src/store/cluster-lock.js';
import { builtCli, runBuiltCli, type CliRun } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const SLOW = 180_000;

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const EPOCH = Date.parse('2026-01-15T10:00:00Z') / 1000;

interface Setup {
  readonly out: string;
  readonly key: string;
  readonly cert: string;
}

async function setup(): Promise<Setup> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'npe-chain-'));
  // A key valid from the day before the runs' fixed clock (keys create follows SOURCE_DATE_EPOCH too).
  const made = await runBuiltCli(['keys', 'create', '--out', path.join(root, 'keys')], {
    env: { SOURCE_DATE_EPOCH: String(EPOCH - 86_400) },
  });
  expect(made.code).toBe(0);
  return {
    out: path.join(root, 'reports'),
    key: path.join(root, 'keys', 'key.pem'),
    cert: path.join(root, 'keys', 'cert.pem'),
  };
}

function reportArgs(s: Setup): string[] {
  return [
    'report',
    '--manifests',
    demo,
    '--source-name',
    'prod',
    '--formats',
    'json',
    '--frameworks',
    'soc2',
    '--sign-key',
    s.key,
    '--sign-cert',
    s.cert,
    '--out',
    s.out,
  ];
}

function report(s: Setup, epoch: number): Promise<CliRun> {
  return runBuiltCli(reportArgs(s), { env: { SOURCE_DATE_EPOCH: String(epoch) } });
}

interface Link {
  readonly name: string;
  readonly sha: string;
  readonly previous: { manifestSha256: string } | null;
  readonly skipped?: { bundle: string; reason: string }[];
}

async function links(clusterDir: string): Promise<Link[]> {
  const out: Link[] = [];
  for (const name of (await readdir(clusterDir)).filter((n) => /^\d{4}-/.test(n)).sort()) {
    const bytes = await readFile(path.join(clusterDir, name, 'manifest.json'));
    const m = JSON.parse(bytes.toString() || '{}') as {
      previous: Link['previous'];
      skippedPrevious?: Link['skipped'];
    };
    const { createHash } = await import('node:crypto');
    out.push({
      name,
      sha: createHash('sha256').update(bytes).digest('hex'),
      previous: m.previous,
      ...(m.skippedPrevious ? { skipped: m.skippedPrevious } : {}),
    });
  }
  return out;
}

/** True when the bundles form one chain: one start, every other links to a distinct bundle of the set. */
function isOneChain(all: readonly Link[]): boolean {
  const starts = all.filter((l) => l.previous === null);
  const targets = all.filter((l) => l.previous).map((l) => l.previous?.manifestSha256);
  const shas = new Set(all.map((l) => l.sha));
  return (
    starts.length === 1 && new Set(targets).size === targets.length && targets.every((t) => shas.has(t ?? ''))
  );
}

describe('overlapping report runs in one cluster folder', () => {
  it(
    'form one chain, and verify --chain accepts the newest bundle',
    async () => {
      const s = await setup();
      expect((await report(s, EPOCH)).code).toBe(0);
      // Three runs at once with the same clock: each must link to the bundle published just before it.
      const runs = await Promise.all([report(s, EPOCH + 60), report(s, EPOCH + 60), report(s, EPOCH + 60)]);
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
      const clusterDir = path.join(s.out, 'prod');
      const all = await links(clusterDir);
      expect(all.map((l) => l.name)).toEqual([
        '2026-01-15T10-00-00Z',
        '2026-01-15T10-01-00Z',
        '2026-01-15T10-01-00Z-2',
        '2026-01-15T10-01-00Z-3',
      ]);
      expect(isOneChain(all)).toBe(true);
      expect(await readdir(clusterDir)).not.toContain(LOCK_FILE);
      const newest = all[all.length - 1]?.name ?? '';
      const v = await runBuiltCli(['verify', path.join(clusterDir, newest), '--ca', s.cert, '--chain']);
      expect(v.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
      expect(v.code).toBe(0);
      expect(v.stdout.match(/^ok {3}chain .* -> /gm)).toHaveLength(3);
    },
    SLOW,
  );
});

describe('the cluster folder lock', () => {
  it(
    'is broken when its owner process is gone, and waited for while its owner lives',
    async () => {
      const s = await setup();
      expect((await report(s, EPOCH)).code).toBe(0);
      const lock = path.join(s.out, 'prod', LOCK_FILE);

      // A lock left by a process that died (a real pid, reaped): the next run breaks it and says so.
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((r) => dead.on('close', r));
      const owner = (pid: number | undefined): string =>
        JSON.stringify({ pid, host: os.hostname(), createdAt: new Date().toISOString() });
      await writeFile(lock, owner(dead.pid));
      const second = await report(s, EPOCH + 60);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain('store.stale-lock');

      // A lock held by a live process (this test): the run waits, and goes on once it is released.
      await writeFile(lock, owner(process.pid));
      const third = spawn(process.execPath, [builtCli, ...reportArgs(s)], {
        env: { ...process.env, NETPOL_EVIDENCE_LOG_FORMAT: 'text', SOURCE_DATE_EPOCH: String(EPOCH + 120) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      const exited = new Promise<number | null>((r) => third.on('close', r));
      await new Promise<void>((resolve) =>
        third.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('store.waiting-for-lock')) resolve();
        }),
      );
      await new Promise((r) => setTimeout(r, 1000));
      expect((await links(path.join(s.out, 'prod'))).length).toBe(2);
      await rm(lock);
      expect(await exited).toBe(0);
      expect(isOneChain(await links(path.join(s.out, 'prod')))).toBe(true);
    },
    SLOW,
  );
});

describe('a damaged earlier bundle', () => {
  it.each([
    ['an empty manifest.json (a crash before the data reached the disk)', ''],
    [
      'a hand-written manifest.json',
      '{"schemaVersion":1,"bundleId":"x","createdAt":"2026-01-15T10:00:00Z","files":[null],"previous":null}',
    ],
  ])(
    'with %s is passed over and recorded, and verify fails with exit 5, not 4',
    async (_what, text) => {
      const s = await setup();
      expect((await report(s, EPOCH)).code).toBe(0);
      expect((await report(s, EPOCH + 60)).code).toBe(0);
      const clusterDir = path.join(s.out, 'prod');
      await writeFile(path.join(clusterDir, '2026-01-15T10-01-00Z', 'manifest.json'), text);

      const next = await report(s, EPOCH + 120);
      expect(next.code).toBe(0);
      const [first, damaged, third] = await links(clusterDir);
      expect(third?.previous?.manifestSha256).toBe(first?.sha);
      expect(third?.skipped).toEqual([
        expect.objectContaining({ bundle: damaged?.name, reason: expect.stringMatching(/^manifest\.json /) }),
      ]);

      const direct = await runBuiltCli([
        'verify',
        path.join(clusterDir, damaged?.name ?? ''),
        '--ca',
        s.cert,
      ]);
      expect(direct.code).toBe(5);
      expect(direct.stdout).toMatch(/^FAIL manifest: manifest\.json[: ]/m);

      const chain = await runBuiltCli([
        'verify',
        path.join(clusterDir, third?.name ?? ''),
        '--ca',
        s.cert,
        '--chain',
      ]);
      expect(chain.code).toBe(5);
      expect(chain.stdout).toContain(`ok   chain ${third?.name} -> `);
      expect(chain.stdout).toMatch(
        new RegExp(
          `^FAIL chain ${damaged?.name}: damaged \\(manifest\\.json .*\\); passed over by ${third?.name}`,
          'm',
        ),
      );
      expect(chain.stderr).not.toMatch(/unexpected|at .*\.js:\d+/i);
    },
    SLOW,
  );
});
