// The executive summary says what changed since the previous bundle (issue 15): the counts come from the
// bundle the chain links to, are recomputed here from both evidence.json files, and a previous bundle whose
// evidence.json no longer matches its manifest is named as not compared, never trusted.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const SLOW = 180_000;
const EPOCH = Date.parse('2026-01-15T10:00:00Z') / 1000;

interface Ev {
  reportId: string;
  findings: { id: string }[];
  controls: { framework: string; id: string; status: string }[];
  sincePrevious?: Record<string, unknown>;
}

describe('report compares itself with the previous bundle of the same cluster', () => {
  let root: string;
  let manifests: string;
  let args: (extra?: string[]) => string[];

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'npe-since-'));
    manifests = path.join(root, 'cluster');
    await cp(path.join(repoRoot, 'examples', 'demo', 'cluster'), manifests, { recursive: true });
    const made = await runBuiltCli(['keys', 'create', '--out', path.join(root, 'keys')], {
      env: { SOURCE_DATE_EPOCH: String(EPOCH - 86_400) },
    });
    expect(made.code).toBe(0);
    args = (extra = []) => [
      'report',
      '--manifests',
      manifests,
      '--source-name',
      'prod',
      '--formats',
      'json,html',
      '--frameworks',
      'soc2,iso27001',
      '--sign-key',
      path.join(root, 'keys', 'key.pem'),
      '--sign-cert',
      path.join(root, 'keys', 'cert.pem'),
      '--out',
      path.join(root, 'reports'),
      ...extra,
    ];
  }, SLOW);

  afterAll(() => rm(root, { recursive: true, force: true }));

  async function run(hour: number): Promise<{ dir: string; ev: Ev; html: string }> {
    const r = await runBuiltCli(args(), { env: { SOURCE_DATE_EPOCH: String(EPOCH + hour * 3600) } });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const dir = r.stdout.trim().split('\n').pop() as string;
    const ev = JSON.parse(await readFile(path.join(dir, 'evidence.json'), 'utf8')) as Ev;
    return { dir, ev, html: await readFile(path.join(dir, 'report.html'), 'utf8') };
  }

  it(
    'says the first bundle has nothing to compare with, then counts what a policy change opened and closed',
    async () => {
      const first = await run(0);
      expect(first.ev.sincePrevious).toBeUndefined();
      expect(first.html).toContain('This is the first bundle of this cluster in its output folder');

      // The payments namespace loses its policies: its default deny goes, findings open and controls move.
      await rm(path.join(manifests, 'policies', 'payments.yaml'));
      const second = await run(1);
      const before = new Set(first.ev.findings.map((f) => f.id));
      const after = new Set(second.ev.findings.map((f) => f.id));
      const opened = [...after].filter((id) => !before.has(id)).length;
      const closed = [...before].filter((id) => !after.has(id)).length;
      const status = (e: Ev): Map<string, string> =>
        new Map(e.controls.map((c) => [`${c.framework} ${c.id}`, c.status]));
      const [s1, s2] = [status(first.ev), status(second.ev)];
      const moved = [...s2].filter(([k, v]) => s1.get(k) !== v).length;
      expect(opened).toBeGreaterThan(0);
      expect(second.ev.sincePrevious).toMatchObject({
        compared: true,
        bundleId: first.ev.reportId,
        findingsOpened: opened,
        findingsClosed: closed,
        controlsChanged: moved,
      });
      expect(second.html).toContain(`Since the previous bundle (${first.ev.reportId}`);
      expect(second.html).toMatch(/\d+ findings? opened/);

      // Nothing changes between the second and third runs.
      const third = await run(2);
      expect(third.ev.sincePrevious).toMatchObject({ compared: true, findingsOpened: 0, findingsClosed: 0 });
      expect(third.html).toContain('Nothing changed since the previous bundle');

      // An edited evidence.json in the newest bundle is named, not compared.
      const edited = JSON.parse(await readFile(path.join(third.dir, 'evidence.json'), 'utf8')) as Ev;
      edited.findings = [];
      await writeFile(path.join(third.dir, 'evidence.json'), JSON.stringify(edited, null, 2));
      const fourth = await run(3);
      expect(fourth.ev.sincePrevious).toEqual({
        compared: false,
        bundleId: third.ev.reportId,
        reason: 'its evidence.json does not match its manifest',
      });
      expect(fourth.html).toContain('was not compared: its evidence.json does not match its manifest');
      expect((await readdir(path.join(root, 'reports', 'prod'))).length).toBe(4);
    },
    SLOW,
  );
});
