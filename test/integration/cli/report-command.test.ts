import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const epoch = { SOURCE_DATE_EPOCH: '1768471200' }; // 2026-01-15T10:00:00Z

async function outDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'npe-report-'));
}

describe('netpol-evidence report', () => {
  describe('when run twice over the same manifests with SOURCE_DATE_EPOCH', () => {
    it('writes two bundles whose evidence.json, CSV and HTML are byte-identical', async () => {
      const [out, other] = [await outDir(), await outDir()];
      const args = (o: string): string[] => [
        'report',
        '--manifests',
        demo,
        '--unsigned',
        '--formats',
        'html,json,csv',
        '--out',
        o,
      ];
      const a = await runBuiltCli(args(out), { env: epoch });
      const b = await runBuiltCli(args(other), { env: epoch });
      expect([a.code, b.code]).toEqual([0, 0]);
      const dirA = a.stdout.trim().split('\n').pop() as string;
      const dirB = b.stdout.trim().split('\n').pop() as string;
      expect(path.basename(dirA)).toBe('2026-01-15T10-00-00Z');
      expect(path.basename(dirB)).toBe('2026-01-15T10-00-00Z');
      for (const f of ['evidence.json', 'report.html', 'findings.csv', 'connectivity.csv']) {
        expect(await readFile(path.join(dirB, f))).toEqual(await readFile(path.join(dirA, f)));
      }
      // A second run in the same second into the same folder gets a suffix, and differs only in comparing
      // itself with the first (nothing changed).
      const c = await runBuiltCli(args(out), { env: epoch });
      expect(c.code).toBe(0);
      const dirC = c.stdout.trim().split('\n').pop() as string;
      expect(path.basename(dirC)).toBe('2026-01-15T10-00-00Z-2');
      const read = async (d: string): Promise<Record<string, unknown>> =>
        JSON.parse(await readFile(path.join(d, 'evidence.json'), 'utf8')) as Record<string, unknown>;
      const [first, third] = [await read(dirA), await read(dirC)];
      expect(third.sincePrevious).toMatchObject({ compared: true, findingsOpened: 0, findingsClosed: 0 });
      // ...and in counting the first as an earlier run: Art. 32(1)(d) is then supported by scheduled-runs.
      expect(first.history).toEqual({ earlierRuns: 0, endsAt: 'first' });
      expect(third.history).toEqual({
        earlierRuns: 1,
        first: '2026-01-15T10:00:00.000Z',
        last: '2026-01-15T10:00:00.000Z',
        endsAt: 'first',
      });
      const controls = (e: Record<string, unknown>) => e.controls as { id: string }[];
      const moved = controls(third).filter(
        (c, i) => JSON.stringify(c) !== JSON.stringify(controls(first)[i]),
      );
      expect(moved.map((c) => c.id)).toEqual(['Art. 32(1)(d)']);
      expect(third.checksRun).toEqual([...(first.checksRun as string[]), 'scheduled-runs'].sort());
      for (const e of [first, third])
        for (const k of ['sincePrevious', 'history', 'controls', 'summary', 'checksRun']) delete e[k];
      expect(third).toEqual(first);
      expect((await readdir(dirA)).sort()).toEqual([
        'connectivity.csv',
        'evidence.json',
        'findings.csv',
        'manifest.json',
        'report.html',
      ]);
      const evidence = JSON.parse(await readFile(path.join(dirA, 'evidence.json'), 'utf8')) as {
        signature: { signed: boolean };
        controls: unknown[];
        findings: { rule: string }[];
      };
      expect(evidence.signature.signed).toBe(false);
      expect(evidence.controls.length).toBeGreaterThan(0);
      expect(evidence.findings.map((f) => f.rule)).toContain('default-deny-egress-missing');
      expect(await readFile(path.join(dirA, 'report.html'), 'utf8')).toMatch(/This report is NOT signed/);
    });
  });

  describe('when no signing key is given and --unsigned is not set', () => {
    it('exits 2, says how to get a key, and writes nothing', async () => {
      const out = await outDir();
      const r = await runBuiltCli(['report', '--manifests', demo, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no signing key.*--unsigned.*keys create/s);
      expect(await readdir(out)).toEqual([]);
    });
  });

  describe('when an open finding is at or above --fail-on', () => {
    it('still writes the bundle, prints its path, and exits 1', async () => {
      const out = await outDir();
      const r = await runBuiltCli([
        'report',
        '--manifests',
        demo,
        '--unsigned',
        '--formats',
        'json',
        '--fail-on',
        'high',
        '--out',
        out,
      ]);
      expect(r.code).toBe(1);
      expect(r.stdout.trim().split('\n').pop()).toMatch(new RegExp(`^${out}/`));
    });
  });

  describe('when a flag value is wrong', () => {
    it.each([
      [['--formats', 'html,docx'], /--formats: unknown value "docx"/],
      [['--frameworks', 'pci'], /--frameworks: unknown value "pci"/],
      [['--since', 'last tuesday'], /--since: "last tuesday" is not a date/],
      [['--fail-on', 'severe'], /Invalid values/],
    ])('%j exits 2 with a clear message', async (extra, message) => {
      const out = await outDir();
      const r = await runBuiltCli(['report', '--manifests', demo, '--unsigned', '--out', out, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(await readdir(out)).toEqual([]);
    });
  });

  describe('when the inventory is malformed', () => {
    it('exits 2 naming the file and field, before any bundle is started', async () => {
      const out = await outDir();
      const inv = path.join(out, 'inventory.yaml');
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(inv, 'subprocessors:\n  - name: X\n    purpose: p\n'),
      );
      const r = await runBuiltCli([
        'report',
        '--manifests',
        demo,
        '--unsigned',
        '--out',
        out,
        '--inventory',
        inv,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/inventory\.yaml:2 subprocessors\[0\]/);
      expect(await readdir(out)).toEqual(['inventory.yaml']);
    });
  });
});

describe('report --formats pdf when no browser can be found', () => {
  it('exits 4 with how to install one, and writes no bundle', async () => {
    const out = await outDir();
    const emptyCache = await outDir();
    const r = await runBuiltCli(
      ['report', '--manifests', demo, '--unsigned', '--formats', 'pdf', '--out', out],
      {
        env: {
          PATH: emptyCache, // node itself is started by its absolute path
          PUPPETEER_CACHE_DIR: emptyCache,
          PUPPETEER_EXECUTABLE_PATH: '',
        },
      },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      /no Chromium or Chrome found.*apt-get install -y chromium.*npx puppeteer browsers install chrome/s,
    );
    expect(await readdir(path.join(out, 'demo')).catch(() => [])).toEqual([]);
  });
});

describe('when two signed runs happen in the same second', () => {
  it('links the second bundle to the first, so verify --chain holds', async () => {
    const out = await outDir();
    const keys = path.join(out, 'keys');
    // The certificate is made valid from the report's (past) clock, as a signing time outside it never verifies.
    expect(
      (await runBuiltCli(['keys', 'create', '--out', keys], { env: { SOURCE_DATE_EPOCH: '1768400000' } }))
        .code,
    ).toBe(0);
    const args = [
      'report',
      '--manifests',
      demo,
      '--formats',
      'json',
      '--out',
      out,
      '--sign-key',
      path.join(keys, 'key.pem'),
      '--sign-cert',
      path.join(keys, 'cert.pem'),
    ];
    const a = await runBuiltCli(args, { env: epoch });
    const b = await runBuiltCli(args, { env: epoch });
    const second = b.stdout.trim().split('\n').pop() as string;
    expect([a.code, b.code, path.basename(second)]).toEqual([0, 0, '2026-01-15T10-00-00Z-2']);
    const v = await runBuiltCli(['verify', second, '--ca', path.join(keys, 'cert.pem'), '--chain']);
    expect(v.stdout).toMatch(/^ok {3}chain 2026-01-15T10-00-00Z-2 -> /m);
    expect(v.stdout).toMatch(/^ok {3}chain files 2026-01-15T10-00-00Z: \d+ files match the manifest/m);
    expect(v.code).toBe(0);

    // A file changed in the earlier bundle breaks the chain check of the later one.
    const { appendFile } = await import('node:fs/promises');
    await appendFile(path.join(path.dirname(second), '2026-01-15T10-00-00Z', 'evidence.json'), ' ');
    const tampered = await runBuiltCli(['verify', second, '--ca', path.join(keys, 'cert.pem'), '--chain']);
    expect(tampered.stdout).toMatch(/^FAIL chain 2026-01-15T10-00-00Z file evidence\.json: sha256 differs/m);
    expect(tampered.code).toBe(5);
  }, 180_000);
});

describe('when the signing certificate is not valid at the report time', () => {
  it('exits 2 before doing any work, explaining the dates', async () => {
    const out = await outDir();
    const keys = path.join(out, 'keys');
    expect((await runBuiltCli(['keys', 'create', '--out', keys])).code).toBe(0);
    const r = await runBuiltCli(
      [
        'report',
        '--manifests',
        demo,
        '--formats',
        'json',
        '--out',
        path.join(out, 'reports'),
        '--sign-key',
        path.join(keys, 'key.pem'),
        '--sign-cert',
        path.join(keys, 'cert.pem'),
      ],
      { env: epoch },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not at the report's time 2026-01-15T10:00:00.000Z/);
    expect(await readdir(out)).toEqual(['keys']);
  });
});
