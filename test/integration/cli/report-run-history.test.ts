// Scheduled runs as evidence for GDPR Art. 32(1)(d), through the real report command: a one-off run says so,
// a run after earlier ones counts them over the hash chain, and a pruned link ends the count honestly.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');
const DAY = 86_400;
const start = 1768471200; // 2026-01-15T10:00:00Z

interface Evidence {
  history: { earlierRuns: number; first?: string; last?: string; endsAt: string };
  controls: { framework: string; id: string; checksRan: { check: string; outcome: string }[] }[];
}

let out = '';
const dirs: string[] = [];

async function runOn(day: number): Promise<string> {
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
      '--source-name',
      'prod',
    ],
    { env: { SOURCE_DATE_EPOCH: String(start + day * DAY) } },
  );
  expect(r.code).toBe(0);
  return r.stdout.trim().split('\n').pop() ?? '';
}

const evidence = async (dir: string): Promise<Evidence> =>
  JSON.parse(await readFile(path.join(dir, 'evidence.json'), 'utf8')) as Evidence;
const art32d = (e: Evidence) =>
  e.controls.find((c) => c.framework === 'gdpr' && c.id === 'Art. 32(1)(d)')?.checksRan.map((r) => r.check);

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'npe-history-'));
  for (const day of [0, 7, 14]) dirs.push(await runOn(day));
});
afterAll(() => rm(out, { recursive: true, force: true }));

describe('report in a folder of earlier runs', () => {
  describe('when it is the first run of the cluster', () => {
    it('says it is a one-off run and claims nothing for Art. 32(1)(d)', async () => {
      const e = await evidence(dirs[0] ?? '');
      expect(e.history).toEqual({ earlierRuns: 0, endsAt: 'first' });
      expect(art32d(e)).not.toContain('scheduled-runs');
      expect(await readFile(path.join(dirs[0] ?? '', 'report.html'), 'utf8')).toMatch(
        /This is a one-off run: no earlier bundle of this cluster is linked/,
      );
    });
  });

  describe('when two weekly runs came before it', () => {
    it('counts them over the chain, with their period, and supports Art. 32(1)(d) with scheduled-runs', async () => {
      const e = await evidence(dirs[2] ?? '');
      expect(e.history).toEqual({
        earlierRuns: 2,
        first: '2026-01-15T10:00:00.000Z',
        last: '2026-01-22T10:00:00.000Z',
        endsAt: 'first',
      });
      const c = e.controls.find((x) => x.framework === 'gdpr' && x.id === 'Art. 32(1)(d)');
      expect(c?.checksRan.find((r) => r.check === 'scheduled-runs')?.outcome).toBe('passed');
      expect(await readFile(path.join(dirs[2] ?? '', 'report.html'), 'utf8')).toMatch(
        /This run follows 2 earlier runs of this cluster between 2026-01-15 and 2026-01-22, linked by the bundle hash chain back to the first bundle of the chain/,
      );
    });
  });

  describe('when the oldest bundle was pruned', () => {
    it('counts what is still linked and says the chain goes on beyond the folder', async () => {
      await rm(dirs[0] ?? '', { recursive: true });
      const e = await evidence(await runOn(21));
      expect(e.history).toEqual({
        earlierRuns: 2,
        first: '2026-01-22T10:00:00.000Z',
        last: '2026-01-29T10:00:00.000Z',
        endsAt: 'missing',
      });
    });
  });
});
