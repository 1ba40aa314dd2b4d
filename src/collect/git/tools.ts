// Outside programs the Git source needs besides git commands: kubectl kustomize, and git archive | tar.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

/** `git archive <treeish>` piped to tar, under `prefix` in `target`. */
function archiveInto(repoDir: string, treeish: string, prefix: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn(
      'git',
      ['archive', '--format=tar', ...(prefix ? [`--prefix=${prefix}`] : []), treeish],
      { cwd: repoDir, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
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

/**
 * Writes the tree of `sha` into `target`, for tools that need files on disk: all of it, or only `paths`
 * (each folder archived on its own, so a blob outside them, absent in a partial clone, is never read).
 */
export async function extractTree(
  repoDir: string,
  sha: string,
  target: string,
  paths: readonly string[] = [],
): Promise<void> {
  if (paths.length === 0) return archiveInto(repoDir, sha, '', target);
  for (const p of paths) {
    const type = await execTool('git', ['cat-file', '-t', `${sha}:${p}`], repoDir);
    if (type.stdout.toString().trim() === 'tree') {
      await archiveInto(repoDir, `${sha}:${p}`, `${p}/`, target);
      continue;
    }
    const blob = await execTool('git', ['cat-file', 'blob', `${sha}:${p}`], repoDir);
    if (blob.status !== 0) throw new Error(blob.stderr.trim() || `cannot read ${p}`);
    await mkdir(path.join(target, path.dirname(p)), { recursive: true });
    await writeFile(path.join(target, p), blob.stdout);
  }
}
