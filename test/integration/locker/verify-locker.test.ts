// Deleting the newest bundles leaves a whole hash chain behind; only the evidence locker shows it. With the
// built CLI: runs push to a bare repository (the locker), then `verify --chain --locker` accepts the folder,
// and refuses (exit 5) once the newest bundle is deleted, or when the newest never reached the locker.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli, type CliRun } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const SLOW = 240_000;
const EPOCH = Date.parse('2026-01-15T10:00:00Z') / 1000;
const gitEnv = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

describe('verify --chain --locker', () => {
  it(
    'accepts a folder whose newest bundle is the locker’s newest, and refuses a deleted or unpushed newest bundle',
    async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'npe-verify-locker-'));
      const locker = path.join(root, 'locker.git');
      execFileSync('git', ['init', '-q', '--bare', locker], { env: { ...process.env, ...gitEnv } });
      const keys = path.join(root, 'keys');
      expect(
        (
          await runBuiltCli(['keys', 'create', '--out', keys], {
            env: { SOURCE_DATE_EPOCH: String(EPOCH - 86_400) },
          })
        ).code,
      ).toBe(0);
      const out = path.join(root, 'reports');
      const report = (at: number, withLocker: boolean): Promise<CliRun> =>
        runBuiltCli(
          [
            'report',
            '--manifests',
            path.join(repoRoot, 'examples', 'demo', 'cluster'),
            '--source-name',
            'prod',
            '--formats',
            'json',
            '--sign-key',
            path.join(keys, 'key.pem'),
            '--sign-cert',
            path.join(keys, 'cert.pem'),
            '--out',
            out,
            ...(withLocker ? ['--locker-git', locker] : []),
          ],
          { env: { ...gitEnv, SOURCE_DATE_EPOCH: String(at) } },
        );
      for (const at of [EPOCH, EPOCH + 3600, EPOCH + 7200]) expect((await report(at, true)).code).toBe(0);
      const clusterDir = path.join(out, 'prod');
      const verify = (bundle: string): Promise<CliRun> =>
        runBuiltCli(
          [
            'verify',
            path.join(clusterDir, bundle),
            '--ca',
            path.join(keys, 'cert.pem'),
            '--chain',
            '--locker',
            locker,
          ],
          { env: gitEnv },
        );

      const good = await verify('2026-01-15T12-00-00Z');
      expect(good.stdout).toMatch(
        /^ok {3}locker .*locker\.git evidence\/prod: the folder's newest bundle 2026-01-15T12-00-00Z is the newest on the locker branch \(3 there\)/m,
      );
      expect(good.code).toBe(0);

      // An attacker deletes the newest bundle: the chain of the rest is whole, the locker is not fooled.
      await rm(path.join(clusterDir, '2026-01-15T12-00-00Z'), { recursive: true });
      const deleted = await verify('2026-01-15T11-00-00Z');
      expect(deleted.stdout).toMatch(/^ok {3}chain 2026-01-15T11-00-00Z -> /m);
      expect(deleted.stdout).toMatch(
        /^FAIL locker .*: the locker holds 1 bundle\(s\) newer than the folder's newest \(2026-01-15T11-00-00Z\): 2026-01-15T12-00-00Z/m,
      );
      expect(deleted.code).toBe(5);

      // The reverse: a newest bundle that never reached the locker.
      expect((await report(EPOCH + 10_800, false)).code).toBe(0);
      const unpushed = await verify('2026-01-15T13-00-00Z');
      expect(unpushed.stdout).toMatch(
        /^FAIL locker .*: the folder's newest bundle 2026-01-15T13-00-00Z is not on the locker branch/m,
      );
      expect(unpushed.code).toBe(5);

      const usage = await runBuiltCli([
        'verify',
        path.join(clusterDir, '2026-01-15T13-00-00Z'),
        '--locker',
        locker,
      ]);
      expect(usage.code).toBe(2);
    },
    SLOW,
  );
});
