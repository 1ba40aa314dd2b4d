// Real Git repositories for tests, made with the git CLI and no user or system config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The code under test runs git too: it must not see the developer's config either.
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';

export interface Author {
  readonly name: string;
  readonly email: string;
}

export const alice: Author = { name: 'Alice Admin', email: 'alice@example.com' };
export const bob: Author = { name: 'Bob Builder', email: 'bob@example.com' };

export interface CommitOptions {
  /** Commit date (author and committer); default: one minute after the previous one. */
  readonly date?: Date;
  readonly author?: Author;
  /** Sign with the repository's SSH key (see useSshSigning). */
  readonly sign?: boolean;
}

/** A repository in a temporary folder; every commit gets a deterministic date. */
export class TestRepo {
  readonly dir: string;
  private clock: Date;
  signingKey?: string;
  allowedSigners?: string;
  private readonly extraDirs: string[] = [];

  constructor(start = new Date('2026-01-01T09:00:00Z')) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'npe-git-test-'));
    this.clock = start;
    this.git(['init', '-q', '-b', 'main']);
  }

  git(args: readonly string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  write(file: string, text: string): this {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
    return this;
  }

  remove(file: string): this {
    this.git(['rm', '-q', file]);
    return this;
  }

  move(from: string, to: string): this {
    mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    this.git(['mv', from, to]);
    return this;
  }

  private envFor(o: CommitOptions): Record<string, string> {
    this.clock = o.date ?? new Date(this.clock.getTime() + 60_000);
    const a = o.author ?? alice;
    const date = this.clock.toISOString();
    return {
      GIT_AUTHOR_NAME: a.name,
      GIT_AUTHOR_EMAIL: a.email,
      GIT_COMMITTER_NAME: a.name,
      GIT_COMMITTER_EMAIL: a.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
  }

  private signArgs(o: CommitOptions): string[] {
    if (!o.sign) return ['-c', 'commit.gpgSign=false'];
    if (!this.signingKey) throw new Error('useSshSigning() first');
    return ['-c', 'gpg.format=ssh', '-c', `user.signingKey=${this.signingKey}`];
  }

  /** Commits everything staged or changed; returns the new commit's sha. */
  commit(message: string, o: CommitOptions = {}): string {
    this.git(['add', '-A']);
    this.git(
      [...this.signArgs(o), 'commit', '-q', '--allow-empty', ...(o.sign ? ['-S'] : []), '-m', message],
      this.envFor(o),
    );
    return this.head();
  }

  /** A non-fast-forward merge of `branch` into the current branch. */
  merge(branch: string, message: string, o: CommitOptions = {}): string {
    this.git(
      [...this.signArgs(o), 'merge', '-q', '--no-ff', ...(o.sign ? ['-S'] : []), '-m', message, branch],
      this.envFor(o),
    );
    return this.head();
  }

  checkout(branch: string, create = false): this {
    this.git(['checkout', '-q', ...(create ? ['-b'] : []), branch]);
    return this;
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** Makes an ed25519 key with ssh-keygen and an allowed-signers file naming `who`. */
  useSshSigning(who: Author = alice): this {
    const keyDir = mkdtempSync(path.join(os.tmpdir(), 'npe-ssh-'));
    this.extraDirs.push(keyDir);
    const key = path.join(keyDir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', who.email, '-f', key]);
    const pub = execFileSync('cat', [`${key}.pub`], { encoding: 'utf8' }).trim();
    const allowed = path.join(keyDir, 'allowed_signers');
    writeFileSync(allowed, `${who.email} ${pub}\n`);
    this.signingKey = key;
    this.allowedSigners = allowed;
    return this;
  }

  cleanup(): void {
    for (const d of [this.dir, ...this.extraDirs]) rmSync(d, { recursive: true, force: true });
  }
}

/** A NetworkPolicy manifest with one ingress port (enough to tell versions apart). */
export function netpol(namespace: string, name: string, port = 80, extra = ''): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  podSelector: { matchLabels: { app: ${name} } }
  ingress:
    - ports: [{ port: ${port} }]
${extra}`;
}
