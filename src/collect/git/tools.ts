// Outside programs the Git source needs besides git commands: kubectl kustomize, and git archive | tar.
import { spawn } from 'node:child_process';
import { gitEnv } from './runner.js';

export interface ToolResult {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a program to completion; rejects only when it cannot be started (e.g. ENOENT). */
export function execTool(
  cmd: string,
  args: readonly string[],
  cwd: string,
  timeoutMs = 120_000,
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status: status ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }),
    );
  });
}

/** Writes the tree of `sha` into `target` (git archive piped to tar), for tools that need files on disk. */
export function extractTree(repoDir: string, sha: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', sha], {
      cwd: repoDir,
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tar = spawn('tar', ['-x', '-C', target], { stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(tar.stdin);
    let failed = '';
    archive.stderr.on('data', (c: Buffer) => (failed += c.toString()));
    tar.stderr.on('data', (c: Buffer) => (failed += c.toString()));
    archive.on('error', reject);
    tar.on('error', reject);
    let pending = 2;
    const done = (status: number | null): void => {
      if (status !== 0) failed ||= `exit ${status}`;
      if (--pending > 0) return;
      if (failed) reject(new Error(failed.trim()));
      else resolve();
    };
    archive.on('close', done);
    tar.on('close', done);
  });
}
