import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';

const GOOD = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: default
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: 8080}]
`;

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-lint-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('netpol-evidence lint', () => {
  describe('when the manifests are clean', () => {
    it('exits 0 and says how many files it checked', async () => {
      const dir = await folder({ 'k8s/web.yaml': GOOD });
      const r = await runBuiltCli(['lint', 'k8s'], { cwd: dir });
      expect(r.stderr).not.toMatch(/error:/);
      expect(r.stdout).toContain('1 file(s) checked: 0 error(s), 0 warning(s), 0 note(s)');
      expect(r.code).toBe(0);
    });
  });

  describe('when a field is misspelt', () => {
    it('exits 1 and names file, line and column', async () => {
      const dir = await folder({ 'k8s/web.yaml': GOOD.replace('ports:', 'prots:') });
      const r = await runBuiltCli(['lint', 'k8s'], { cwd: dir });
      expect(r.stdout).toContain(
        'k8s/web.yaml:11:7: error [schema] spec.ingress[0].prots: unknown field (did you mean "ports"?)',
      );
      expect(r.code).toBe(1);
    });
  });

  describe('when only warnings are found', () => {
    const open = GOOD.replace(/ {4}- from: .*\n/, '    - from: [{namespaceSelector: {}}]\n');
    it('exits 0 by default and 1 with --fail-on warning', async () => {
      const dir = await folder({ 'k8s/web.yaml': open });
      expect((await runBuiltCli(['lint', 'k8s'], { cwd: dir })).code).toBe(0);
      const strict = await runBuiltCli(['lint', 'k8s', '--fail-on', 'warning'], { cwd: dir });
      expect(strict.stdout).toContain('k8s/web.yaml:10:15: warning [allow-all-peers]');
      expect(strict.code).toBe(1);
    });
    it('writes SARIF to --output and prints its path', async () => {
      const dir = await folder({ 'k8s/web.yaml': open });
      const r = await runBuiltCli(['lint', 'k8s', '-o', 'sarif', '--output', 'lint.sarif'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(path.join(dir, 'lint.sarif'));
      const log = JSON.parse(await readFile(path.join(dir, 'lint.sarif'), 'utf8')) as {
        version: string;
        runs: { results: { ruleId: string }[] }[];
      };
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0]!.results.map((x) => x.ruleId)).toEqual(['allow-all-peers']);
    });
  });

  describe('when a file is not YAML or a path does not exist', () => {
    it('exits 2 naming the file and line', async () => {
      const dir = await folder({ 'k8s/bad.yaml': 'kind: NetworkPolicy\nmetadata: {name: [x\n' });
      const r = await runBuiltCli(['lint', 'k8s'], { cwd: dir });
      expect(r.stderr).toMatch(/k8s\/bad\.yaml:\d+: not valid YAML/);
      expect(r.code).toBe(2);
      const missing = await runBuiltCli(['lint', 'nowhere'], { cwd: dir });
      expect(missing.stderr).toContain('nowhere: no such file or folder');
      expect(missing.code).toBe(2);
    });
  });
});
