// No table cell of the demo report (or of a period report) overflows at A4 print width, and no ordinary word
// is broken to make it fit (issue 15). Rendered in real headless Chromium, measured cell by cell.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { makeBundleSeries, type Series } from '../../helpers/bundle-series.js';
import { runBuiltCli } from '../../helpers/cli.js';
import {
  brokenDates,
  loadAtPrintWidth,
  openPrintBrowser,
  overflowingCells,
} from '../../helpers/print-layout.js';

let browser: Browser;
let reportHtml = '';
let periodHtml = '';
let series: Series;

beforeAll(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-overflow-'));
  const r = await runBuiltCli(['demo', '--out', out], { env: { SOURCE_DATE_EPOCH: '1768471200' } });
  if (r.code !== 0) throw new Error(`demo failed: ${r.stderr}`);
  reportHtml = path.join(r.stdout.trim().split('\n').pop() as string, 'report.html');
  series = await makeBundleSeries({ start: '2026-01-10', days: 3, signed: true, skip: [1] });
  const p = await runBuiltCli([
    'period',
    '--bundles',
    series.out,
    '--since',
    '2026-01-09',
    '--until',
    '2026-01-12',
    '--ca',
    series.ca as string,
    '--unsigned',
    '-o',
    'html',
    '--out',
    path.join(series.root, 'periods'),
  ]);
  if (p.code !== 0) throw new Error(`period failed: ${p.stderr}`);
  periodHtml = path.join(p.stdout.trim().split('\n').pop() as string, 'period.html');
  browser = await openPrintBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await series?.cleanup();
});

describe.each([
  ['the demo report', () => reportHtml],
  ['a period report', () => periodHtml],
])('%s printed at A4 width', (_name, file) => {
  it('has no table cell whose content overflows it', async () => {
    const page = await loadAtPrintWidth(browser, file());
    expect(await overflowingCells(page, false)).toEqual([]);
  });

  it('breaks no ordinary word to fit a cell', async () => {
    const page = await loadAtPrintWidth(browser, file());
    expect(await overflowingCells(page, true)).toEqual([]);
  });

  it('never breaks a date across lines', async () => {
    const page = await loadAtPrintWidth(browser, file());
    expect(await brokenDates(page)).toEqual([]);
  });
});
