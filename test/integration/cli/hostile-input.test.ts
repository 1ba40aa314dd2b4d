// Hostile or careless input through the built CLI: an alias bomb, symlinked manifest files, an empty
// manifests folder and a source name that would name no folder are input or usage errors (exit 2) that name
// the file or flag, never "unexpected failure" (exit 4) or a silent skip.
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';

const SLOW = 60_000;

/** "Billion laughs": ten levels of ten aliases each expand to 10^10 strings. */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol"]'];
  for (let i = 1; i <= 10; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

const policy = (name: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: default }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'npe-hostile-'));
}

function snapshot(dir: string, out: string, ...more: string[]) {
  return runBuiltCli(['snapshot', '--manifests', dir, '-o', out, ...more]);
}

describe('hostile manifests', () => {
  it(
    'a YAML alias bomb is an input error (exit 2) naming the file, with no stack trace',
    async () => {
      const dir = await tmp();
      await writeFile(path.join(dir, 'bomb.yaml'), aliasBomb());
      const r = await snapshot(dir, path.join(dir, 'out.json'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/bomb\.yaml:1: not accepted: .*alias/i);
      expect(r.stderr).not.toMatch(/unexpected failure|\n\s+at /);
    },
    SLOW,
  );

  it(
    'symlinked manifest files and folders are read; a broken link is named in a warning',
    async () => {
      const dir = await tmp();
      const elsewhere = await tmp();
      await writeFile(path.join(elsewhere, 'linked-file.yaml'), policy('from-linked-file'));
      await mkdir(path.join(elsewhere, 'sub'));
      await writeFile(path.join(elsewhere, 'sub', 'p.yaml'), policy('from-linked-folder'));
      await writeFile(path.join(dir, 'own.yaml'), policy('own'));
      await symlink(path.join(elsewhere, 'linked-file.yaml'), path.join(dir, 'linked.yaml'));
      await symlink(path.join(elsewhere, 'sub'), path.join(dir, 'linked-folder'));
      await symlink(path.join(elsewhere, 'missing.yaml'), path.join(dir, 'broken.yaml'));
      await symlink(dir, path.join(dir, 'loop'));
      const out = path.join(await tmp(), 'snapshot.json');
      const r = await snapshot(dir, out);
      expect(r.code).toBe(0);
      const s = JSON.parse(await readFile(out, 'utf8')) as { networkPolicies: { name: string }[] };
      expect(s.networkPolicies.map((p) => p.name).sort()).toEqual([
        'from-linked-file',
        'from-linked-folder',
        'own',
      ]);
      expect(r.stderr).toContain('broken.yaml');
      expect(r.stderr).toMatch(/symbolic link to nothing/);
      expect(r.stderr).toMatch(/loop.*already read/);
    },
    SLOW,
  );

  it(
    'an empty manifests folder is an input error (exit 2) naming it',
    async () => {
      const dir = await tmp();
      await writeFile(path.join(dir, 'README.md'), 'not a manifest');
      const r = await snapshot(dir, path.join(dir, 'out.json'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir}: no manifest files (.yaml, .yml, .json) in this folder or below it`);
    },
    SLOW,
  );
});

describe('--source-name', () => {
  it.each([[''], ['..'], ['.'], ['/']])(
    '%j is a usage error (exit 2)',
    async (name) => {
      const dir = await tmp();
      await writeFile(path.join(dir, 'p.yaml'), policy('p'));
      const r = await runBuiltCli([
        'report',
        '--manifests',
        dir,
        '--source-name',
        name,
        '--unsigned',
        '--formats',
        'json',
        '--out',
        path.join(dir, 'out'),
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--source-name (must not be empty|".*": needs a letter or digit)/);
    },
    SLOW,
  );
});
