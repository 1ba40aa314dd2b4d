// A run stopped by SIGTERM (Kubernetes ending a Job) or SIGINT mid-way leaves nothing behind: the built CLI
// as a real process, stopped while Chromium prints the PDF, removes its staged bundle, its Chromium profile
// and its children, and exits 143 (130 for SIGINT).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { builtCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const SLOW = 180_000;

async function listing(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** Processes whose command line mentions `text` (Chromium started with a profile under our TMPDIR). */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('a report run sent %s while printing the PDF', (signal, exitCode) => {
  it(
    `exits ${exitCode} and leaves no staging folder, Chromium profile, lock or Chromium process`,
    async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'npe-stop-'));
      const tmp = path.join(root, 'tmp');
      execFileSync('mkdir', ['-p', tmp]);
      const out = path.join(root, 'out');
      const child = spawn(
        process.execPath,
        [
          builtCli,
          'report',
          '--manifests',
          path.join(repoRoot, 'examples', 'demo', 'cluster'),
          '--source-name',
          'prod',
          '--unsigned',
          '--out',
          out,
        ],
        {
          env: { ...process.env, TMPDIR: tmp, NETPOL_EVIDENCE_LOG_FORMAT: 'json' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
      // Wait until the bundle is staged and Chromium runs with its profile in our TMPDIR.
      for (let i = 0; i < 600; i++) {
        const staged = (await listing(path.join(out, 'prod'))).some((n) => n.startsWith('.partial-'));
        if (staged && processesMentioning(tmp).length > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await listing(path.join(out, 'prod'))).some((n) => n.startsWith('.partial-'))).toBe(true);
      expect((await listing(tmp)).length).toBeGreaterThan(0);
      child.kill(signal);
      expect(await exited).toBe(exitCode);
      expect(stderr).toContain(`stopped by ${signal}`);
      expect(await listing(path.join(out, 'prod'))).toEqual([]);
      expect(await listing(tmp)).toEqual([]);
      expect(processesMentioning(tmp)).toEqual([]);
    },
    SLOW,
  );
});
