// The `keys create` and `verify` commands, driven through yargs as the CLI runs them.
import { appendFile, stat } from 'node:fs/promises';
import path from 'node:path';
import yargs from 'yargs';
import { keysCommand } from '../../../src/cli/commands/keys.js';
import { verifyCommand } from '../../../src/cli/commands/verify.js';
import { AppError } from '../../../src/model/errors.js';
import { loadSigner } from '../../../src/sign/index.js';
import { chromiumPdf, tempDir, writeBundle } from './fixtures.js';

async function cli(args: string[]): Promise<{ lines: string[]; error?: AppError }> {
  const lines: string[] = [];
  const ctx = { out: (l: string) => lines.push(l), now: () => new Date('2026-01-01T00:00:00Z') };
  const parser = yargs(args)
    .command(keysCommand(ctx) as never)
    .command(verifyCommand(ctx) as never)
    .strict()
    .fail((msg, err) => {
      throw err ?? new AppError('USAGE', msg);
    });
  try {
    await parser.parseAsync();
    return { lines };
  } catch (e) {
    return { lines, error: e as AppError };
  }
}

describe('keys create, then verify', () => {
  describe('when a bundle is signed with a key from keys create', () => {
    it('makes a 0600 key, verifies the untouched bundle and fails with exit 5 naming a changed file', async () => {
      const base = await tempDir('cli');
      const made = await cli(['keys', 'create', '--out', path.join(base, 'keys'), '--cn', 'CronJob signer']);
      expect(made.error).toBeUndefined();
      const [keyPath = '', certPath = ''] = made.lines;
      expect((await stat(keyPath)).mode & 0o777).toBe(0o600);

      const signer = await loadSigner({ key: keyPath, cert: certPath, env: {} });
      // A key from keys create is self-signed, not a demo key (only --demo marks it so).
      expect(signer.info).toMatchObject({ demo: false, selfSigned: true, algorithm: 'ECDSA-P256' });
      const bundle = await writeBundle(
        path.join(base, 'cluster'),
        '2026-01-15T10-00-00Z',
        signer,
        await chromiumPdf(),
      );

      const good = await cli(['verify', bundle, '--ca', certPath, '--chain']);
      expect(good.error).toBeUndefined();
      expect(good.lines).toContainEqual(
        expect.stringMatching(/^ok {3}file report\.pdf: sha256 [0-9a-f]{16}…, \d+ bytes$/),
      );
      expect(good.lines.every((l) => l.startsWith('ok   ') || l.startsWith('verified: '))).toBe(true);
      expect(good.lines[0]).toMatch(
        /^ok {3}manifest signature: valid, signed by CN=CronJob signer \(self-signed\)/,
      );

      await appendFile(path.join(bundle, 'report.pdf'), '%');
      const bad = await cli(['verify', bundle, '--ca', certPath]);
      expect(bad.lines).toContain('FAIL file report.pdf: sha256 differs');
      expect(bad.error).toBeInstanceOf(AppError);
      expect(bad.error?.exitCode).toBe(5);
      expect(bad.error?.message).toContain('file report.pdf');
    });
  });

  describe('when keys create is pointed at a folder that already holds a key', () => {
    it('refuses to overwrite it', async () => {
      const dir = path.join(await tempDir('cli-twice'), 'keys');
      await cli(['keys', 'create', '--out', dir, '--algorithm', 'rsa']);
      const again = await cli(['keys', 'create', '--out', dir]);
      expect(again.error?.message).toBe(
        `--out ${dir}: key.pem already exists there; choose an empty folder (an existing key is never overwritten)`,
      );
      expect(again.error?.exitCode).toBe(2);
    });
  });
});
