// The cover and the executive summary of the demo report, rendered in headless Chromium at A4 print width and
// screenshotted (issue 15): what a compliance officer sees first. The PNGs stay in the temp folder named in
// the test output, for a person to look at; the test checks what can be checked by machine.
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { runBuiltCli } from '../../helpers/cli.js';
import { loadAtPrintWidth, openPrintBrowser } from '../../helpers/print-layout.js';

let browser: Browser;
let page: Page;
let shots = '';

beforeAll(async () => {
  shots = await mkdtemp(path.join(os.tmpdir(), 'npe-shots-'));
  const r = await runBuiltCli(['demo', '--out', shots], { env: { SOURCE_DATE_EPOCH: '1768471200' } });
  if (r.code !== 0) throw new Error(`demo failed: ${r.stderr}`);
  browser = await openPrintBrowser();
  page = await loadAtPrintWidth(
    browser,
    path.join(r.stdout.trim().split('\n').pop() as string, 'report.html'),
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  process.stdout.write(`cover and summary screenshots: ${shots}\n`);
});

async function shoot(selector: string, name: string): Promise<string> {
  const el = await page.$(selector);
  if (!el) throw new Error(`${selector} is not in the report`);
  const file = path.join(shots, name);
  await writeFile(file, await el.screenshot({ type: 'png' }));
  return file;
}

const textOf = (selector: string): Promise<string> =>
  page.evaluate(`document.querySelector(${JSON.stringify(selector)}).innerText`) as Promise<string>;

describe('the cover, as printed', () => {
  it('is a real picture of the cover, with the demo warning and what covers the period', async () => {
    const file = await shoot('#cover', 'cover.png');
    expect((await stat(file)).size).toBeGreaterThan(20_000);
    const cover = await textOf('#cover');
    expect(cover).toMatch(/throwaway DEMO key/);
    expect(cover).toMatch(
      /Audit period\s+2025-10-17 to 2026-01-15: the Git change log and drift cover the period\. Coverage, connectivity and their findings are a point in time, the snapshot of 2026-01-15 10:00:00 UTC\./,
    );
    expect(cover).toMatch(/Frameworks\s+SOC 2, ISO\/IEC 27001:2022, GDPR/);
  });
});

describe('the executive summary, as printed', () => {
  it('opens with three to five sentences a reader can act on, then the figures', async () => {
    const file = await shoot('#summary', 'summary.png');
    expect((await stat(file)).size).toBeGreaterThan(20_000);
    const sentences = (await textOf('#summary-text')).split('\n').filter((l) => l.trim() !== '');
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    expect(sentences[0]).toMatch(
      /^This report covers acme-pay-demo as collected at 2026-01-15 10:00:00 UTC: 7 namespaces/,
    );
    expect(sentences[1]).toMatch(
      /the Git change log and drift cover the audit period 2025-10-17 to 2026-01-15/,
    );
    expect(sentences[2]).toMatch(/^Fix first: .+\(high, \d+ [a-z]+\)/);
    expect(sentences[3]).toMatch(/^This is the first bundle of this cluster in its output folder/);
    const summary = await textOf('#summary');
    expect(summary.indexOf('Figures')).toBeGreaterThan(summary.indexOf('Fix first'));
    // No chart followed by a table of the same numbers.
    expect(await page.$$eval('#summary table', (t) => t.length)).toBe(1);
  });
});
