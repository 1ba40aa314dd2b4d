// A Git URL with a password (the source repository and the evidence locker) over real smart HTTP with Basic
// authentication: the run authenticates, yet the password is in no git process's argv (a `git` wrapper on
// PATH records every command line, as `ps` would show it), in no temporary clone's config, and in no output.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { startGitHttpServer, type GitHttpServer } from '../../helpers/git-http-server.js';
import { repoRoot } from '../../helpers/paths.js';

const SLOW = 180_000;
const USER = 'ci-bot';
const PASSWORD = 'Gh-s3cret%2Fwith-escapes';
const DECODED = 'Gh-s3cret/with-escapes';

const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });

let root: string;
let server: GitHttpServer;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'npe-githttp-'));
  const work = path.join(root, 'work');
  git(root, 'init', '-q', '-b', 'main', work);
  await writeFile(
    path.join(work, 'policy.yaml'),
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: default }\nspec: { podSelector: {}, policyTypes: [Ingress] }\n',
  );
  git(work, 'add', '.');
  git(work, '-c', 'user.name=A', '-c', 'user.email=a@x', 'commit', '-q', '-m', 'deny by default');
  const served = path.join(root, 'served');
  git(root, 'clone', '-q', '--bare', work, path.join(served, 'gitops.git'));
  git(root, 'init', '-q', '--bare', path.join(served, 'locker.git'));
  server = await startGitHttpServer(served, USER, DECODED);
});

afterAll(async () => {
  await server.close();
});

/** A `git` first on PATH that logs its argv and, after each command, every Git config under the temp folder. */
async function gitWrapper(dir: string, log: string, watch: string): Promise<string> {
  const bin = path.join(dir, 'bin');
  execFileSync('mkdir', ['-p', bin]);
  await writeFile(
    path.join(bin, 'git'),
    [
      '#!/bin/sh',
      `printf 'ARGV:' >> '${log}'; for a in "$@"; do printf ' [%s]' "$a" >> '${log}'; done; echo >> '${log}'`,
      '/usr/bin/git "$@"; rc=$?',
      `find '${watch}' -name config -type f 2>/dev/null | while read f; do echo "CONFIG $f" >> '${log}'; cat "$f" >> '${log}'; done`,
      'exit $rc',
      '',
    ].join('\n'),
  );
  await chmod(path.join(bin, 'git'), 0o755);
  return bin;
}

describe('Git URLs with a password (source repository and evidence locker)', () => {
  it(
    'authenticate through the credential helper, and the password is in no argv, clone config or output',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-gitcred-'));
      const log = path.join(dir, 'git-calls.log');
      const tmp = path.join(dir, 'tmp');
      execFileSync('mkdir', ['-p', tmp]);
      const bin = await gitWrapper(dir, log, tmp);
      const withPassword = (repo: string): string =>
        server.url.replace('http://', `http://${USER}:${PASSWORD}@`) + `/${repo}`;
      const out = path.join(dir, 'out');
      const r = await runBuiltCli(
        [
          'report',
          '--manifests',
          path.join(repoRoot, 'examples', 'demo', 'cluster'),
          '--source-name',
          'prod',
          '--git-repo',
          withPassword('gitops.git'),
          '--git-path',
          '**',
          '--since',
          '2020-01-01',
          '--locker-git',
          withPassword('locker.git'),
          '--unsigned',
          '--formats',
          'json',
          '--out',
          out,
        ],
        {
          env: {
            PATH: `${bin}:${process.env.PATH ?? ''}`,
            TMPDIR: tmp,
            GIT_CONFIG_GLOBAL: '/dev/null',
            GIT_CONFIG_NOSYSTEM: '1',
            NETPOL_EVIDENCE_LOG_FORMAT: 'json',
          },
        },
      );
      expect(r.stderr).not.toMatch(/error:/);
      expect(r.code).toBe(0);
      // The server saw the right credentials: they reached Git.
      const good = `Basic ${Buffer.from(`${USER}:${DECODED}`).toString('base64')}`;
      expect(server.authorizations).toContain(good);

      const calls = await readFile(log, 'utf8');
      expect(calls).toMatch(/ARGV:.* \[clone\] .*\[http:\/\/127\.0\.0\.1:\d+\/gitops\.git\]/);
      expect(calls).toMatch(/ARGV:.* \[push\] /);
      expect(calls).toMatch(/CONFIG .*\n(.|\n)*url = http:\/\/127\.0\.0\.1:\d+\/(gitops|locker)\.git/);
      for (const secret of [PASSWORD, DECODED, `${USER}:`]) {
        expect(calls).not.toContain(secret);
        expect(r.stdout + r.stderr).not.toContain(secret);
      }
      const [bundle = ''] = await readdir(path.join(out, 'prod'));
      const evidence = await readFile(path.join(out, 'prod', bundle, 'evidence.json'), 'utf8');
      expect(evidence).toContain('/gitops.git');
      expect(evidence).not.toContain(DECODED);
      expect(evidence).not.toContain(PASSWORD);
      // The temporary clones are gone.
      expect(await readdir(tmp)).toEqual([]);
      // The locker holds the bundle.
      expect(
        git(
          root,
          '--git-dir',
          path.join(root, 'served', 'locker.git'),
          'ls-tree',
          '-r',
          '--name-only',
          'evidence/prod',
        ),
      ).toContain(`prod/${bundle}/manifest.json`);
    },
    SLOW,
  );
});
