// The command line as a newcomer meets it: each message says what to do, names the flag, and the flags mean
// the same thing in every command (issue 15). Runs the built CLI in a child process, as a user would.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeBundleSeries } from '../../helpers/bundle-series.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const tmp = (): Promise<string> => mkdtemp(path.join(os.tmpdir(), 'npe-first-'));

describe('a bare `report`', () => {
  it('asks for the source first, not for a signing key', async () => {
    const r = await runBuiltCli(['report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give a source: --manifests DIR/);
    expect(r.stderr).not.toMatch(/signing key/);
  });
});

describe('an unknown option', () => {
  it('gets a did-you-mean, as an unknown command does', async () => {
    const r = await runBuiltCli(['report', '--manifest', demo, '--unsigned']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --manifest; did you mean --manifests\?/);
  });

  it('says plainly that it is unknown when nothing is close', async () => {
    const r = await runBuiltCli(['connlist', '--manifests', demo, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --frobnicate\n/);
  });
});

describe('keys create', () => {
  it('accepts --common-name as an alias of --cn', async () => {
    const dir = path.join(await tmp(), 'k');
    const r = await runBuiltCli(['keys', 'create', '--out', dir, '--common-name', 'Audit Signer 15']);
    expect(r.code).toBe(0);
    const subject = execFileSync('openssl', [
      'x509',
      '-in',
      path.join(dir, 'cert.pem'),
      '-noout',
      '-subject',
    ]);
    expect(subject.toString()).toMatch(/CN ?= ?Audit Signer 15/);
    expect(r.stdout).toMatch(/verify with: npx netpol-evidence verify/);
  });

  it('refuses a folder that already holds a key with exit 2, and leaves the key alone', async () => {
    const dir = path.join(await tmp(), 'k');
    expect((await runBuiltCli(['keys', 'create', '--out', dir])).code).toBe(0);
    const before = await readFile(path.join(dir, 'key.pem'), 'utf8');
    const r = await runBuiltCli(['keys', 'create', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .*: key\.pem already exists there/);
    expect(await readFile(path.join(dir, 'key.pem'), 'utf8')).toBe(before);
  });
});

describe('signing files given the wrong way round', () => {
  it('says the --sign-key file is a certificate (exit 2)', async () => {
    const dir = path.join(await tmp(), 'k');
    await runBuiltCli(['keys', 'create', '--out', dir]);
    const r = await runBuiltCli([
      'report',
      '--manifests',
      demo,
      '--sign-key',
      path.join(dir, 'cert.pem'),
      '--sign-cert',
      path.join(dir, 'key.pem'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /cert\.pem is a certificate, not a private key \(--sign-key and --sign-cert look swapped\)/,
    );
  });
});

describe('a file that cannot be read', () => {
  it.each([
    ['--inventory', ['--manifests', demo, '--unsigned', '--inventory', 'no-such-inventory.yaml']],
    ['--exceptions', ['--manifests', demo, '--unsigned', '--exceptions', 'no-such-exceptions.yaml']],
    ['--controls', ['--manifests', demo, '--unsigned', '--controls', 'no-such-catalog.yaml']],
    ['--snapshot', ['--snapshot', 'no-such-snapshot.json', '--unsigned']],
    ['--manifests', ['--manifests', 'no-such-folder', '--unsigned']],
    ['--config', ['--config', 'no-such-config.yaml']],
    ['--kubeconfig', ['--kubeconfig', 'no-such-kubeconfig', '--unsigned']],
  ])('is named by its flag %s, with the path as given', async (flag, args) => {
    const cwd = await tmp();
    const r = await runBuiltCli(['report', ...args, '--out', cwd], { cwd });
    expect(r.code).toBe(2);
    const file = args[args.indexOf(flag) + 1] as string;
    expect(r.stderr).toMatch(new RegExp(`error: ${flag}:? ${file}`));
  });

  it('names --sign-key when the key file is missing', async () => {
    const r = await runBuiltCli([
      'report',
      '--manifests',
      demo,
      '--sign-key',
      'nokey.pem',
      '--sign-cert',
      'nocert.pem',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sign-key nokey\.pem: cannot read/);
  });
});

describe('paths in evidence', () => {
  it('keep a --manifests folder outside the working folder absolute, never relative to another folder', async () => {
    const cwd = await tmp();
    const r = await runBuiltCli(['report', '--manifests', demo, '--unsigned', '-o', 'json', '--out', 'out'], {
      cwd,
    });
    expect(r.code).toBe(0);
    const bundle = r.stdout.trim().split('\n').pop() as string;
    expect(path.isAbsolute(bundle)).toBe(true);
    const evidence = JSON.parse(await readFile(path.join(bundle, 'evidence.json'), 'utf8')) as {
      snapshot: { source: { paths: string[] } };
    };
    expect(evidence.snapshot.source.paths).toEqual([demo]);
  });
});

describe('-o is the format in every command', () => {
  it('connlist: -o json with --output FILE writes JSON to the file', async () => {
    const file = path.join(await tmp(), 'c.json');
    const r = await runBuiltCli(['connlist', '--manifests', demo, '-o', 'json', '--output', file]);
    expect(r.code).toBe(0);
    expect(Array.isArray(JSON.parse(await readFile(file, 'utf8')))).toBe(true);
  });

  it('snapshot: --output FILE (or --file) is the file; the old `-o FILE` still works, with a warning', async () => {
    const dir = await tmp();
    const a = await runBuiltCli(['snapshot', '--manifests', demo, '--file', path.join(dir, 'a.json')]);
    expect(a.code).toBe(0);
    const b = await runBuiltCli(['snapshot', '--manifests', demo, '-o', path.join(dir, 'b.json')]);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/-o .*b\.json names a file: use --output/);
    expect((await stat(path.join(dir, 'b.json'))).size).toBeGreaterThan(1000);
  });

  it('diff: -o json is the format; the old `--output json` still works, with a warning', async () => {
    const dir = await tmp();
    const rep = await runBuiltCli(['report', '--manifests', demo, '--unsigned', '-o', 'json', '--out', dir]);
    const bundle = rep.stdout.trim().split('\n').pop() as string;
    const a = await runBuiltCli(['diff', bundle, bundle, '-o', 'json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toHaveProperty('counts');
    const b = await runBuiltCli(['diff', bundle, bundle, '--output', 'json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
    expect(b.stderr).toMatch(/--output json names a format: use -o json/);
    const file = path.join(dir, 'd.html');
    const c = await runBuiltCli(['diff', bundle, bundle, '-o', 'html', '--output', file]);
    expect(c.code).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('period', () => {
  it('prints its output folder as the last stdout line and the summary on stderr', async () => {
    const series = await makeBundleSeries({ start: '2026-01-10', days: 2, signed: false });
    try {
      const r = await runBuiltCli([
        'period',
        '--bundles',
        series.out,
        '--since',
        '2026-01-10',
        '--until',
        '2026-01-11',
        '--unsigned',
        '-o',
        'json',
        '--out',
        path.join(series.root, 'periods'),
      ]);
      expect(r.code).toBe(0);
      const last = r.stdout.trim().split('\n').pop() as string;
      expect(path.isAbsolute(last)).toBe(true);
      expect((await stat(path.join(last, 'period.json'))).isFile()).toBe(true);
      expect(r.stdout).not.toMatch(/days covered/);
      expect(r.stderr).toMatch(/acme-pay: \d\/2 days covered, \d bundles? rejected/);
    } finally {
      await series.cleanup();
    }
  }, 180_000);
});

// A config file is a file like any other: its own errors name --config.
describe('a config file with an unknown key', () => {
  it('is named by --config', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'c.yaml'), 'manifestz: x\n');
    const r = await runBuiltCli(['report', '--config', path.join(dir, 'c.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--config: /);
  });
});
