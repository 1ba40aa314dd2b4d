// Every `npx netpol-evidence ...` example in README.md runs as written (issue 15), in a workspace holding
// the files the examples name: a newcomer who copies an example gets the documented result, not a usage error.
import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli, type CliRun } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

/** The example command lines of README's sh blocks, continuation lines joined, comments dropped. */
export function readmeExamples(markdown: string): string[][] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const commands: string[][] = [];
  for (const block of blocks) {
    const joined = block.replace(/\\\n\s*/g, ' ');
    for (const line of joined.split('\n')) {
      const words = shellWords(line);
      if (words[0] === 'npx' && words[1] === 'netpol-evidence') commands.push(words.slice(2));
    }
  }
  return commands;
}

/** Splits a line as sh would (quotes, comments); `[-o json|html]` optional parts are left out. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(#.*$)|(\[[^\]]*\])|(\S+)/g;
  for (const m of line.matchAll(re)) {
    if (m[3] !== undefined) break;
    if (m[4] !== undefined) continue;
    words.push(m[1] ?? m[2] ?? m[5] ?? '');
  }
  return words;
}

const EPOCH_14 = String(Date.parse('2026-01-14T02:17:00Z') / 1000);
const EPOCH_15 = String(Date.parse('2026-01-15T02:17:00Z') / 1000);

let work = '';
const cli = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> =>
  runBuiltCli(args, { cwd: work, env });

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'npe-readme-'));
  await symlink(path.join(repoRoot, 'examples'), path.join(work, 'examples'));
  await cp(path.join(repoRoot, 'examples', 'demo', 'cluster', 'policies'), path.join(work, 'k8s'), {
    recursive: true,
  });
  // What the examples assume already exists: a signer and its CA, saved snapshots, two daily bundles of "prod".
  // Valid from before the first bundle's (past) clock: a signing time outside the certificate never verifies.
  const before = String(Number(EPOCH_14) - 86_400);
  expect((await cli(['keys', 'create', '--out', 'setup-keys'], { SOURCE_DATE_EPOCH: before })).code).toBe(0);
  await cp(path.join(work, 'setup-keys', 'cert.pem'), path.join(work, 'signer-ca.pem'));
  for (const f of ['prod.json', 'snap.json'])
    expect((await cli(['snapshot', '--manifests', 'examples/demo/cluster', '--output', f])).code).toBe(0);
  // `impact` compares two folders, or two Git refs of the workspace (origin/main and HEAD).
  for (const d of ['old', 'new'])
    await cp(path.join(repoRoot, 'examples', 'demo', 'cluster', 'policies'), path.join(work, d), {
      recursive: true,
    });
  const git = (...args: string[]): void => {
    execFileSync('git', args, {
      cwd: work,
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Readme',
        GIT_AUTHOR_EMAIL: 'readme@example.org',
        GIT_COMMITTER_NAME: 'Readme',
        GIT_COMMITTER_EMAIL: 'readme@example.org',
      },
      stdio: 'ignore',
    });
  };
  git('init', '-q', '-b', 'main');
  git('add', 'k8s');
  git('commit', '-q', '-m', 'policies');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await appendFile(path.join(work, 'k8s', 'web.yaml'), '\n');
  git('commit', '-q', '-am', 'touch web');
  await mkdir(path.join(work, 'reports'));
  for (const epoch of [EPOCH_14, EPOCH_15]) {
    const r = await cli(
      [
        'report',
        '--manifests',
        'examples/demo/cluster',
        '--source-name',
        'prod',
        '--sign-key',
        'setup-keys/key.pem',
        '--sign-cert',
        'setup-keys/cert.pem',
        '-o',
        'json,csv',
      ],
      { SOURCE_DATE_EPOCH: epoch },
    );
    expect(r.code).toBe(0);
  }
}, 240_000);

const examples = async (): Promise<string[][]> =>
  readmeExamples(await readFile(path.join(repoRoot, 'README.md'), 'utf8')).filter(
    (args) => !args.some((a) => a.includes('<')), // placeholders such as <time> are prose, not commands
  );

describe("README's examples", () => {
  it('are found (the parser reads the sh blocks)', async () => {
    const found = await examples();
    expect(found.length).toBeGreaterThanOrEqual(8);
    expect(found.map((a) => a[0])).toEqual(
      expect.arrayContaining(['keys', 'report', 'connlist', 'diff', 'verify']),
    );
  });

  it('each run as written: no usage error, and the documented result', async () => {
    const failures: string[] = [];
    for (const args of await examples()) {
      const r = await cli(args);
      // The one example that needs a live cluster: without ~/.kube/config it must say exactly that.
      const live = args.includes('--kubeconfig');
      // Examples that name a remote repository (an evidence locker) cannot reach it here: an access error.
      const remote = args.some((a) => /^git@|^https?:\/\//.test(a)) && !live;
      const ok = live
        ? r.code === 2 && /--kubeconfig ~\/\.kube\/config: kubeconfig file not found/.test(r.stderr)
        : remote
          ? r.code === 3 || r.code === 5
          : r.code === 0 || (r.code === 1 && args.includes('--fail-on'));
      if (!ok || /unknown option|Unknown argument|Missing required/.test(r.stderr))
        failures.push(
          `netpol-evidence ${args.join(' ')} -> exit ${r.code}\n${r.stderr.split('\n').slice(-4).join('\n')}`,
        );
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
