// The exceptions register through the real report command: a real Git history, the example exceptions file,
// --max-exception-days from the flag and from a config file, and the HTML Exceptions table.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildDemoGitHistory, DEMO_GIT_PATHS } from '../../../src/demo/git-history.js';
import { runBuiltCli } from '../../helpers/cli.js';
import '../../helpers/git-repo.js';
import { fixedClock, repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const exceptions = path.join(repoRoot, 'examples', 'exceptions.yaml');
const epoch = { SOURCE_DATE_EPOCH: '1768471200' }; // 2026-01-15T10:00:00Z, the demo history's clock

interface Evidence {
  findings: { id: string; rule: string; severity: string; message: string }[];
  exceptions: { ticket?: string; state: string; raised: string[]; validityDays: number }[];
  run: { options: { maxExceptionDays: number } };
}

let tmp = '';
let repo = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'npe-exc-cli-'));
  const built = await buildDemoGitHistory(path.join(tmp, 'git'), path.join(demo, 'policies'), {
    now: fixedClock(),
    keysDir: path.join(repoRoot, 'examples', 'demo', 'keys'),
  });
  repo = built.repoDir;
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function report(extra: string[]): Promise<{ code: number; dir: string; stderr: string }> {
  const out = await mkdtemp(path.join(tmp, 'out-'));
  const r = await runBuiltCli(
    [
      'report',
      '--manifests',
      demo,
      '--unsigned',
      '--formats',
      'html,json',
      '--out',
      out,
      '--since',
      '2025-10-01',
      '--git-repo',
      repo,
      '--git-path',
      DEMO_GIT_PATHS[0],
      '--exceptions',
      exceptions,
      '--inventory',
      path.join(repoRoot, 'examples', 'inventory.yaml'),
      ...extra,
    ],
    { env: epoch },
  );
  return { code: r.code, dir: r.stdout.trim().split('\n').pop() ?? '', stderr: r.stderr };
}

const read = async (dir: string): Promise<Evidence> =>
  JSON.parse(await readFile(path.join(dir, 'evidence.json'), 'utf8')) as Evidence;

describe('report --exceptions', () => {
  describe('with the example register and the demo Git history', () => {
    let ev: Evidence;
    let html = '';
    beforeAll(async () => {
      const r = await report([]);
      expect(r.code).toBe(0);
      ev = await read(r.dir);
      html = await readFile(path.join(r.dir, 'report.html'), 'utf8');
    });

    it('finds the exception approved by the author of the hotfix it covers (A.5.3)', () => {
      const f = ev.findings.find((x) => x.rule === 'exception-self-approved');
      expect(f?.severity).toBe('high');
      expect(f?.message).toMatch(
        /approved by Sam Oncall <sam@acmepay\.example>, who authored the excepted change \(commit [0-9a-f]{12}\)/,
      );
    });

    it('raises one finding per problem in the register, and records the maximum validity', () => {
      const rules = ev.findings.map((f) => f.rule);
      for (const rule of [
        'exception-too-long',
        'exception-finding-changed',
        'unmatched-exception',
        'expired-exception',
      ])
        expect(rules).toContain(rule);
      expect(ev.run.options.maxExceptionDays).toBe(365);
      expect(ev.exceptions.map((x) => x.state)).toEqual([
        'accepted',
        'accepted',
        'expired',
        'findingChanged',
        'noMatch',
      ]);
    });

    it('shows each state, approval, risk owner and ticket in the Exceptions table', () => {
      const table = /<table[^>]*id="exceptions-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
      expect(table).toMatch(/badge-warn">unmatched</);
      expect(table).toMatch(/badge-bad">changed</);
      // Dates are wrapped in no-break spans; read the table's text for the sentences.
      const words = table.replace(/<span class="nobr">([^<]*)<\/span>/g, '$1');
      expect(words).toMatch(/Dana Ruiz \(CISO\) on 2026-01-05; risk owner Lee Chen \(Head of Platform\)/);
      expect(words).toMatch(/Ticket: RISK-112\./);
      expect(words).toMatch(/2027-06-30 \(540 days\)/);
    });
  });

  describe('when --max-exception-days allows the longest validity', () => {
    it('raises no exception-too-long finding', async () => {
      const r = await report(['--max-exception-days', '540']);
      expect(r.code).toBe(0);
      const ev = await read(r.dir);
      expect(ev.findings.map((f) => f.rule)).not.toContain('exception-too-long');
      expect(ev.run.options.maxExceptionDays).toBe(540);
    });
  });

  describe('when the config file sets max-exception-days', () => {
    it('uses it, and a value that is not a whole positive number is a usage error', async () => {
      const cfg = path.join(tmp, 'config.yaml');
      await writeFile(cfg, 'max-exception-days: 30\n');
      const r = await report(['--config', cfg]);
      const ev = await read(r.dir);
      expect(ev.run.options.maxExceptionDays).toBe(30);
      expect(ev.findings.filter((f) => f.rule === 'exception-too-long').length).toBeGreaterThan(1);
      const bad = await report(['--max-exception-days', '0']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--max-exception-days must be a positive whole number/);
    });
  });
});
