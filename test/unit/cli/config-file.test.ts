import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yargs from 'yargs';
import {
  applyConfig,
  configPathFromArgs,
  loadConfigFile,
  withConfigFile,
} from '../../../src/cli/config-file.js';
import { reportOptions } from '../../../src/cli/report-flags.js';
import { AppError, InputError } from '../../../src/model/errors.js';
import { repoRoot } from '../../helpers/paths.js';

async function configFile(text: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-config-'));
  const file = path.join(dir, 'config.yaml');
  await writeFile(file, text);
  return { dir, file };
}

async function problemsOf(text: string): Promise<string[]> {
  const { file } = await configFile(text);
  const err = await loadConfigFile(file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).problems.map(
    (p) => `${path.basename(p.file)}:${p.line} ${p.field}: ${p.message}`,
  );
}

/** The report command's options as the CLI declares them, plus the scheduled-run flags. */
function parse(args: readonly string[]): Record<string, unknown> {
  return reportOptions(yargs([...args]))
    .option('config', { type: 'string' })
    .option('locker-git', { type: 'string' })
    .option('keep', { type: 'number' })
    .option('keep-days', { type: 'number' })
    .option('keep-unchained', { type: 'boolean' })
    .strict()
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .parseSync() as Record<string, unknown>;
}

describe('loadConfigFile', () => {
  describe('when the file is valid', () => {
    it('resolves relative paths against its folder and leaves URLs, globs and values alone', async () => {
      const { dir, file } = await configFile(
        [
          'manifests: [k8s/base, /abs/overlay]',
          'out: ../reports',
          'sign-key: keys/key.pem',
          'controls: extra.yaml',
          'git-repo: https://token@git.example.org/x.git',
          'git-path: ["policies/**/*.yaml"]',
          'locker-git: locker.git',
          'formats: [pdf, json]',
          'keep: 30',
          'unsigned: false',
          '',
        ].join('\n'),
      );
      expect(await loadConfigFile(file)).toEqual({
        manifests: [path.join(dir, 'k8s/base'), '/abs/overlay'],
        out: path.resolve(dir, '../reports'),
        'sign-key': path.join(dir, 'keys/key.pem'),
        controls: path.join(dir, 'extra.yaml'),
        'git-repo': 'https://token@git.example.org/x.git',
        'git-path': ['policies/**/*.yaml'],
        'locker-git': path.join(dir, 'locker.git'),
        formats: 'pdf,json',
        keep: 30,
        unsigned: false,
      });
    });

    it('accepts the CronJob config shipped in deploy/config.yaml', async () => {
      const c = await loadConfigFile(path.join(repoRoot, 'deploy', 'config.yaml'));
      expect(c.cluster).toBe(true);
      expect(c.out).toBe('/var/lib/netpol-evidence/reports');
      expect(String(c['sign-key'])).toMatch(/^\/etc\/netpol-evidence\/signing\//);
    });
  });

  describe('when the file is wrong', () => {
    it.each([
      {
        text: 'out: r\nsignKey: k.pem\n',
        want: 'config.yaml:2 signKey: is not a known field (did you mean "sign-key"?)',
        reason: 'camelCase of a real flag',
      },
      {
        text: 'out: r\nbogus: 1\n',
        want: 'config.yaml:2 bogus: is not a known field',
        reason: 'no such flag',
      },
      { text: 'out: r\n\nkeep: ten\n', want: 'config.yaml:3 keep: must be integer', reason: 'wrong type' },
      { text: 'keep-days: 0\n', want: 'config.yaml:1 keep-days: must be > 0', reason: 'out of range' },
      {
        text: 'fail-on: severe\n',
        want: 'config.yaml:1 fail-on: must be one of critical, high, medium, low, info',
        reason: 'not a severity',
      },
      {
        text: 'formats: pdf,docx\n',
        want: 'config.yaml:1 formats: must list outputs from html, pdf, json, csv, oscal',
        reason: 'unknown format',
      },
      {
        text: 'manifests: {a: 1}\n',
        want: 'config.yaml:1 manifests: must be a path or a list of paths',
        reason: 'neither path nor list',
      },
      {
        text: 'sign-passphrase-env: "s3cret pass"\n',
        want: 'config.yaml:1 sign-passphrase-env: must match pattern',
        reason: 'a passphrase is not a variable name',
      },
    ])('reports $reason with file, line and key', async ({ text, want }) => {
      const problems = await problemsOf(text);
      expect(problems.some((p) => p.startsWith(want))).toBe(true);
    });

    it('reports every problem at once', async () => {
      expect(await problemsOf('keep: x\nbogus: 1\ncluster: yes please\n')).toHaveLength(3);
    });

    it('reports a YAML syntax error at its line', async () => {
      const { file } = await configFile('out: r\nformats: [pdf\n');
      const err = await loadConfigFile(file).catch((e: unknown) => e);
      expect((err as InputError).problems[0]?.message).toMatch(/not valid YAML/);
    });

    it('rejects a file that is not a mapping', async () => {
      expect(await problemsOf('- out\n- r\n')).toEqual([
        'config.yaml:1 (top level): must be a mapping of option names to values',
      ]);
    });

    it('names a missing file as an input error', async () => {
      const err = await loadConfigFile('/nonexistent/config.yaml').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).exitCode).toBe(2);
    });
  });
});

describe('applyConfig', () => {
  const config = {
    out: '/var/reports',
    manifests: ['/a', '/b'],
    organisation: 'From file',
    unsigned: true,
    keep: 30,
    'keep-unchained': true,
  };

  describe('when no flag overlaps the file', () => {
    it('gives yargs every value of the file', () => {
      const a = parse(applyConfig(['--config', 'c.yaml'], config));
      expect(a).toMatchObject({
        out: '/var/reports',
        manifests: ['/a', '/b'],
        organisation: 'From file',
        unsigned: true,
        keep: 30,
      });
      expect(a['keep-unchained']).toBe(true);
    });
  });

  describe('when flags name keys of the file', () => {
    it.each([
      { args: ['--out', '/x'], key: 'out', want: '/x', reason: 'a flag with a separate value' },
      { args: ['--out=/x'], key: 'out', want: '/x', reason: 'a flag with =value' },
      {
        args: ['--manifests', '/c'],
        key: 'manifests',
        want: ['/c'],
        reason: 'a list flag replaces the list, not extends it',
      },
      { args: ['--no-unsigned'], key: 'unsigned', want: false, reason: 'a negated boolean' },
      {
        args: ['--keepUnchained=false'],
        key: 'keep-unchained',
        want: false,
        reason: 'the camelCase spelling',
      },
    ])('the flag wins: $reason', ({ args, key, want }) => {
      expect(parse(applyConfig(args, config))[key]).toEqual(want);
    });

    it('puts the file values before a "--" so they stay options', () => {
      expect(applyConfig(['--out', '/x', '--', 'rest'], { keep: 3 })).toEqual([
        '--out',
        '/x',
        '--keep=3',
        '--',
        'rest',
      ]);
    });
  });
});

describe('withConfigFile', () => {
  it('reads the file named by --config and merges it under the flags', async () => {
    const { dir, file } = await configFile('out: reports\norganisation: Acme\n');
    const args = await withConfigFile(['report', `--config=${file}`, '--organisation', 'Flag Co']);
    const a = parse(args.slice(1));
    expect(a.out).toBe(path.join(dir, 'reports'));
    expect(a.organisation).toBe('Flag Co');
  });

  it('leaves the arguments of other commands alone', async () => {
    const { file } = await configFile('out: reports\n');
    expect(await withConfigFile(['snapshot', '--config', file])).toEqual(['snapshot', '--config', file]);
    expect(await withConfigFile(['--config', file, 'report'])).toHaveLength(4);
  });

  it.each([
    { args: ['report', '--config', 'c.yaml'], want: 'c.yaml' },
    { args: ['report', '--config=c.yaml'], want: 'c.yaml' },
    { args: ['report', '--', '--config', 'c.yaml'], want: undefined },
    { args: ['report', '--config'], want: undefined },
  ])('finds the config path in $args', ({ args, want }) => {
    expect(configPathFromArgs(args)).toBe(want);
  });
});
