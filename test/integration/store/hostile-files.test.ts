// An attacker who can write the reports folder plants FIFOs and symlinks. Built with the real tools
// (mkfifo, symlinks) and met by real processes: verify and period finish and refuse (exit 5 / a rejected
// bundle) instead of hanging, and no write follows a planted symlink (the target stays untouched).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../src/model/errors.js';
import { silentLogger } from '../../../src/model/log.js';
import { defaultEngines } from '../../../src/run/engines.js';
import type { ReportOptions } from '../../../src/run/report-options.js';
import { runReport } from '../../../src/run/report-run.js';
import { pruneBundles } from '../../../src/store/retention.js';
import { writeFileAtomically } from '../../../src/store/write-file-atomically.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const SLOW = 120_000;

function options(out: string): ReportOptions {
  return {
    source: { manifests: [path.join(repoRoot, 'examples', 'demo', 'cluster')], sourceName: 'prod' },
    outDir: out,
    formats: new Set(['json', 'csv']),
    frameworks: ['soc2'],
    period: { since: new Date('2025-10-01T00:00:00Z'), until: new Date('2026-01-01T00:00:00Z') },
    signing: { mode: 'unsigned' },
    controls: [],
    maxDocumentAgeDays: 365,
  };
}

const at = (iso: string) => ({ now: () => new Date(iso), log: silentLogger, env: process.env });

async function bundle(out: string, iso: string): Promise<string> {
  return (await runReport(options(out), at(iso), defaultEngines)).bundleDir;
}

async function tmp(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

async function fifoInPlaceOf(file: string): Promise<void> {
  await rm(file);
  execFileSync('mkfifo', [file]);
}

describe('a FIFO in place of a bundle file', () => {
  it(
    'does not hang verify: a listed file or the manifest itself is refused with exit 5',
    async () => {
      const out = await tmp('npe-fifo-');
      const dir = await bundle(out, '2026-01-15T10:00:00Z');
      await fifoInPlaceOf(path.join(dir, 'evidence.json'));
      const listed = await runBuiltCli(['verify', dir]);
      expect(listed.code).toBe(5);
      expect(listed.stdout).toMatch(
        /^FAIL file evidence\.json: cannot be checked: .*not a regular file \(FIFO\)$/m,
      );

      await fifoInPlaceOf(path.join(dir, 'manifest.json'));
      const manifest = await runBuiltCli(['verify', dir, '--chain']);
      expect(manifest.code).toBe(5);
      expect(manifest.stdout).toMatch(/^FAIL manifest: .*manifest\.json: not a regular file \(FIFO\)$/m);
    },
    SLOW,
  );

  it(
    'does not hang period: the bundle is rejected and named, the report is written',
    async () => {
      const out = await tmp('npe-fifo-period-');
      await bundle(out, '2025-12-01T10:00:00Z');
      const damaged = await bundle(out, '2025-12-02T10:00:00Z');
      await bundle(out, '2025-12-03T10:00:00Z');
      await fifoInPlaceOf(path.join(damaged, 'manifest.json'));
      const r = await runBuiltCli([
        'period',
        '--bundles',
        out,
        '--cluster',
        'prod',
        '--since',
        '2025-12-01',
        '--until',
        '2025-12-03',
        '--formats',
        'json',
        '--unsigned',
        '--out',
        path.join(out, 'periods-out'),
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/bundle rejected.*2025-12-02T10-00-00Z.*not a regular file \(FIFO\)/);
    },
    SLOW,
  );

  it(
    'a symlink in place of a listed file is refused, not followed',
    async () => {
      const out = await tmp('npe-symlink-file-');
      const dir = await bundle(out, '2026-01-15T10:00:00Z');
      const copy = path.join(out, 'copy-of-findings.csv');
      await writeFile(copy, await readFile(path.join(dir, 'findings.csv')));
      await rm(path.join(dir, 'findings.csv'));
      await symlink(copy, path.join(dir, 'findings.csv'));
      const r = await runBuiltCli(['verify', dir]);
      expect(r.code).toBe(5);
      expect(r.stdout).toMatch(
        /^FAIL file findings\.csv: cannot be checked: .*not a regular file \(symbolic link\)$/m,
      );
    },
    SLOW,
  );
});

describe('symlinks planted where the tool writes', () => {
  it('writeFileAtomically never writes through a symlink at the old temporary name or at the target', async () => {
    const dir = await tmp('npe-plant-');
    const victim = path.join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    const target = path.join(dir, 'snapshot.json');
    // The names the tool used to write to first: .<name>.partial-<pid>.
    await symlink(victim, path.join(dir, `.snapshot.json.partial-${process.pid}`));
    await writeFileAtomically(target, 'new content');
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect(await readFile(target, 'utf8')).toBe('new content');

    // A symlink at the target itself is replaced by the file, never followed.
    const linked = path.join(dir, 'connlist.txt');
    await symlink(victim, linked);
    await writeFileAtomically(linked, 'connlist');
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect(await readFile(linked, 'utf8')).toBe('connlist');
    expect((await readdir(dir)).filter((n) => n.includes('.partial'))).toEqual([
      `.snapshot.json.partial-${process.pid}`,
    ]);
  });

  it('retention never writes chain-anchor.json through a symlink planted at chain-anchor.json.tmp', async () => {
    const out = await tmp('npe-plant-retention-');
    for (const day of ['11', '12', '13']) await bundle(out, `2026-01-${day}T10:00:00Z`);
    const clusterDir = path.join(out, 'prod');
    const victim = path.join(out, 'victim.txt');
    await writeFile(victim, 'precious');
    await symlink(victim, path.join(clusterDir, 'chain-anchor.json.tmp'));
    const r = await pruneBundles(clusterDir, {
      keep: 1,
      keepChained: false,
      now: new Date('2026-01-20T00:00:00Z'),
      log: silentLogger,
    });
    expect(r.removed).toHaveLength(2);
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect(JSON.parse(await readFile(path.join(clusterDir, 'chain-anchor.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
    });
  });

  it(
    'a cluster folder that is a symlink is refused (exit 4) and its target untouched; --out itself may be one',
    async () => {
      const out = await tmp('npe-plant-out-');
      const elsewhere = await tmp('npe-elsewhere-');
      await mkdir(path.join(out, 'reports'));
      await symlink(elsewhere, path.join(out, 'reports', 'prod'));
      const err = await runReport(
        options(path.join(out, 'reports')),
        at('2026-01-15T10:00:00Z'),
        defaultEngines,
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).exitCode).toBe(4);
      expect((err as AppError).message).toContain('is a symbolic link');
      expect(await readdir(elsewhere)).toEqual([]);

      const real = await tmp('npe-real-out-');
      await symlink(real, path.join(out, 'out-link'));
      const ok = await runReport(
        options(path.join(out, 'out-link')),
        at('2026-01-15T10:00:00Z'),
        defaultEngines,
      );
      expect(await readdir(path.join(real, 'prod'))).toEqual([path.basename(ok.bundleDir)]);
    },
    SLOW,
  );
});
