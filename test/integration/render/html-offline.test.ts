import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../../../src/render/pdf/render-pdf.js';
import { buildDemoReport } from './report-html.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the HTML report opened in headless Chromium', () => {
  it('makes no request besides the document itself, and renders to a screenshot', async () => {
    const { html } = await buildDemoReport();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-html-'));
    const file = path.join(dir, 'report.html');
    await writeFile(file, html);
    const docUrl = pathToFileURL(file).href;

    const browser = await launchBrowser(process.env);
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const failed: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(docUrl, { waitUntil: 'networkidle0' });

      const external = requests.filter((u) => u !== docUrl && !u.startsWith('data:'));
      expect(external).toEqual([]);
      expect(failed).toEqual([]);
      expect(requests).toContain(docUrl);

      const shot = path.join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      const png = await readFile(shot);
      expect((await stat(shot)).size).toBeGreaterThan(1000);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
