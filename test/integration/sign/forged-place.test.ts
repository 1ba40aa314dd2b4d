// Issue 13 point 3: a bundle's time and place are its signed createdAt and source. Renaming a real bundle's
// folder to another day (to fill a gap) or moving it into another cluster's folder is refused by verify
// (exit 5), verify --chain and period; the signature itself stays intact, as openssl confirms.
import { cp, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { silentLogger } from '../../../src/model/log.js';
import { runPeriod } from '../../../src/run/period-run.js';
import { verifyBundle, type VerifyReport } from '../../../src/sign/index.js';
import { makeBundleSeries, type Series } from '../../helpers/bundle-series.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { opensslCmsVerify } from './forge.js';

let series: Series;
// day 0 and 2 have a bundle; day 1 is the gap an attacker wants to fill
beforeAll(async () => {
  series = await makeBundleSeries({ start: '2026-03-01', days: 3, skip: [1], signed: true });
}, 120_000);
afterAll(() => series?.cleanup());

const failed = (r: VerifyReport): string[] =>
  r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

async function copyOfCluster(): Promise<string> {
  const dir = path.join(series.root, `copy-${Math.random().toString(36).slice(2)}`, 'acme-pay');
  await cp(series.clusterDir, dir, { recursive: true });
  return dir;
}

describe('a bundle folder renamed to another day', () => {
  it('fails verify (exit 5), verify --chain of the later bundle and the period report, though openssl accepts its signature', async () => {
    const cluster = await copyOfCluster();
    const [first, , last] = series.bundles as [string, undefined, string];
    expect(first).toBe('2026-03-01T02-00-00Z');
    const moved = path.join(cluster, '2026-03-02T02-00-00Z');
    await rename(path.join(cluster, first), moved);

    const p7s = path.join(moved, 'manifest.json.p7s');
    expect((await opensslCmsVerify(p7s, path.join(moved, 'manifest.json'), series.ca as string)).ok).toBe(
      true,
    );

    const alone = await verifyBundle(moved, { ca: series.ca as string, chain: false });
    expect(failed(alone)).toEqual([
      'bundle folder: folder 2026-03-02T02-00-00Z is not the signed time 2026-03-01T02:00:00.000Z (expected 2026-03-01T02-00-00Z): renamed?',
    ]);
    const cli = await runBuiltCli(['verify', moved, '--ca', series.ca as string]);
    expect(cli.code).toBe(5);
    expect(cli.stdout).toContain('FAIL bundle folder: folder 2026-03-02T02-00-00Z is not the signed time');

    const chain = await verifyBundle(path.join(cluster, last), { ca: series.ca as string, chain: true });
    expect(failed(chain)).toContainEqual(
      expect.stringMatching(
        /^chain folder 2026-03-02T02-00-00Z: folder 2026-03-02T02-00-00Z is not the signed time/,
      ),
    );

    const out = path.join(path.dirname(cluster), 'periods-out');
    const result = await runPeriod(
      {
        bundlesDir: cluster,
        since: new Date('2026-03-01T00:00:00Z'),
        until: new Date('2026-03-03T23:59:59Z'),
        ca: series.ca as string,
        outDir: out,
        formats: new Set(['json']),
        signing: { mode: 'unsigned' },
      },
      { now: () => new Date('2026-03-04T06:00:00Z'), log: silentLogger, env: {} },
      { pdf: { render: () => Promise.reject(new Error('no PDF here')) } },
    );
    const report = result.reports[0]?.report;
    expect(report?.rejected.map((r) => r.bundle)).toEqual(['2026-03-02T02-00-00Z']);
    expect(report?.rejected[0]?.problems.join(' ')).toMatch(
      /bundle folder: folder 2026-03-02T02-00-00Z is not/,
    );
    // the gap stays a gap: the moved bundle counts for no day, and is listed on its signed day
    expect(report?.days.map((d) => [d.day, d.status])).toEqual([
      ['2026-03-01', 'unverified'],
      ['2026-03-02', 'missing'],
      ['2026-03-03', 'covered'],
    ]);
  }, 60_000);
});

describe('a bundle moved into another cluster’s folder', () => {
  it('fails verify: the signed source names the cluster folder it belongs in', async () => {
    const cluster = await copyOfCluster();
    const last = series.bundles[2] as string;
    const other = path.join(path.dirname(cluster), 'prod-eu', last);
    await cp(path.join(cluster, last), other, { recursive: true });
    const r = await verifyBundle(other, { ca: series.ca as string, chain: false });
    expect(failed(r)).toEqual([
      'bundle folder: the signed source is acme-pay, whose folder is acme-pay/, not prod-eu/: moved from another cluster?',
    ]);
    const manifest = JSON.parse(await readFile(path.join(other, 'manifest.json'), 'utf8')) as {
      source: { name: string };
    };
    expect(manifest.source.name).toBe('acme-pay');
  });
});
