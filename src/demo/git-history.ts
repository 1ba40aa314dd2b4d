// The demo's scripted Git history: reviewed merges, one direct unsigned commit and one policy the cluster lacks.
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DAY = 86_400_000;

/** Where the demo repository keeps the policies (pass as --git-path). */
export const DEMO_GIT_PATHS = ['clusters/prod/**'] as const;
const ROOT = 'clusters/prod';

interface Person {
  readonly name: string;
  readonly email: string;
}
const priya: Person = { name: 'Priya Platform', email: 'priya@acmepay.example' };
const dana: Person = { name: 'Dana Developer', email: 'dana@acmepay.example' };
const sam: Person = { name: 'Sam Oncall', email: 'sam@acmepay.example' };

class Script {
  constructor(
    readonly dir: string,
    readonly now: Date,
    readonly key?: string,
  ) {}

  async git(args: string[], who: Person = priya, daysAgo = 0): Promise<string> {
    const date = new Date(this.now.getTime() - daysAgo * DAY).toISOString();
    const env = {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
    return (await run('git', args, { cwd: this.dir, env })).stdout;
  }

  sign(signed: boolean): string[] {
    return signed && this.key
      ? ['-c', 'gpg.format=ssh', '-c', `user.signingKey=${this.key}`]
      : ['-c', 'commit.gpgSign=false'];
  }

  async write(file: string, text: string): Promise<void> {
    await mkdir(path.dirname(path.join(this.dir, ROOT, file)), { recursive: true });
    await writeFile(path.join(this.dir, ROOT, file), text);
  }

  async commit(message: string, who: Person, daysAgo: number, signed: boolean): Promise<void> {
    await this.git(['add', '-A']);
    await this.git(
      [
        ...this.sign(signed),
        'commit',
        '-q',
        '--allow-empty',
        ...(signed && this.key ? ['-S'] : []),
        '-m',
        message,
      ],
      who,
      daysAgo,
    );
  }

  /** A pull request: a branch with one commit by `author`, merged with a GitHub merge subject and a review trailer. */
  async pullRequest(
    n: number,
    branch: string,
    title: string,
    daysAgo: number,
    change: () => Promise<void>,
  ): Promise<void> {
    await this.git(['checkout', '-q', '-b', branch]);
    await change();
    await this.commit(title, dana, daysAgo + 1, true);
    await this.git(['checkout', '-q', 'main']);
    const message = `Merge pull request #${n} from acme-pay/${branch}\n\n${title}\n\nReviewed-by: ${priya.name} <${priya.email}>`;
    await this.git(
      [...this.sign(true), 'merge', '-q', '--no-ff', ...(this.key ? ['-S'] : []), '-m', message, branch],
      priya,
      daysAgo,
    );
  }
}

/**
 * The demo's fixed throwaway SSH key (examples/demo/keys/git-signing-key, public on purpose), copied with mode
 * 0600 because ssh-keygen refuses a private key others can read. A fixed key, fixed dates and fixed authors
 * give the same commit SHAs on every run. Without ssh-keygen the commits are left unsigned.
 */
async function sshKey(
  dir: string,
  keysDir: string,
): Promise<{ key: string; allowedSigners: string } | undefined> {
  const present = await run('ssh-keygen', ['-?']).then(
    () => true,
    (e: NodeJS.ErrnoException) => e.code !== 'ENOENT',
  );
  if (!present) return undefined;
  const key = path.join(dir, 'demo_signing_key');
  await copyFile(path.join(keysDir, 'git-signing-key'), key);
  await chmod(key, 0o600);
  const pub = (await readFile(path.join(keysDir, 'git-signing-key.pub'), 'utf8')).trim();
  const allowedSigners = path.join(dir, 'allowed_signers');
  await writeFile(allowedSigners, `${dana.email},${priya.email} ${pub}\n`);
  return { key, allowedSigners };
}

/** The policy files of the demo (every YAML file under manifestsDir), by name. */
async function policyFiles(manifestsDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const names = (await readdir(manifestsDir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  for (const n of names) files.set(n, await readFile(path.join(manifestsDir, n), 'utf8'));
  return files;
}

/** The file without its first YAML document: an "earlier version" that a later pull request completes. */
function withoutFirstDocument(text: string): string {
  const docs = text.split(/^---\s*$/m);
  return docs.length > 1 ? docs.slice(1).join('---\n').replace(/^\n/, '') : text;
}

/** The clock the demo's Git history is dated from: fixed, so its commit SHAs never change. */
export const DEMO_HISTORY_CLOCK = new Date('2026-01-15T10:00:00Z');

/** Where the demo's fixed throwaway keys live (Git signing key, demo signer key and certificate). */
export const DEMO_KEYS_DIR = ['examples', 'demo', 'keys'] as const;

/**
 * Builds the history with the git CLI in `targetDir` (dates relative to opts.now; the demo passes
 * DEMO_HISTORY_CLOCK), signed with the fixed key in opts.keysDir: the initial import before
 * the audit period, pull requests #12, #15, #18 and #21 reviewed and SSH-signed (when ssh-keygen exists),
 * one direct unsigned commit of staging.yaml, and #21 fixing postgres.yaml in Git only (drift).
 */
export async function buildDemoGitHistory(
  targetDir: string,
  manifestsDir: string,
  opts: { now: Date; keysDir: string },
): Promise<{ repoDir: string; allowedSigners?: string }> {
  const repoDir = path.join(targetDir, 'gitops');
  await mkdir(repoDir, { recursive: true });
  const keys = await sshKey(targetDir, opts.keysDir);
  const s = new Script(repoDir, opts.now, keys?.key);
  await s.git(['init', '-q', '-b', 'main']);
  const files = await policyFiles(manifestsDir);
  const later = new Set(['payments.yaml', 'postgres.yaml', 'staging.yaml']);
  for (const [name, text] of files)
    if (!later.has(name)) await s.write(name, name === 'web.yaml' ? withoutFirstDocument(text) : text);
  await s.commit('Initial network policies for production', priya, 120, false);
  const step = async (name: string, edit: (t: string) => string = (t) => t): Promise<void> => {
    const text = files.get(name);
    if (text !== undefined) await s.write(name, edit(text));
  };
  await s.pullRequest(
    12,
    'payments-policies',
    'Payments: default deny, gateway egress to PayCo only',
    62,
    () => step('payments.yaml'),
  );
  await s.pullRequest(
    15,
    'postgres-policies',
    'Postgres: only the gateway and the orders API connect',
    45,
    () => step('postgres.yaml'),
  );
  await s.pullRequest(18, 'web-default-deny', 'Web: default deny in both directions', 30, () =>
    step('web.yaml'),
  );
  await step('staging.yaml');
  await s.commit('hotfix: open the staging preview', sam, 9, false);
  await s.pullRequest(
    21,
    'fix-postgres-label',
    'Postgres: fix the orders API label (order-api -> orders-api)',
    3,
    () => step('postgres.yaml', (t) => t.replace('app: order-api', 'app: orders-api')),
  );
  return { repoDir, ...(keys ? { allowedSigners: keys.allowedSigners } : {}) };
}
