import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromiumPdfRenderer } from '../../../src/render/pdf/render-pdf.js';
import { buildDemoReport, type BuiltReport } from './report-html.js';

/** pdftotext's text, one string per page (it separates pages with form feeds). */
function pdfPages(pdf: Uint8Array, dir: string, file: string): string[] {
  const p = path.join(dir, file);
  return execFileSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((t, i, all) => i < all.length - 1 || t.trim() !== '');
}

const flat = (s: string): string => s.replace(/\s+/g, ' ');

describe('the PDF report of the demo cluster', () => {
  let report: BuiltReport;
  let pages: string[];

  beforeAll(async () => {
    report = await buildDemoReport();
    const pdf = await chromiumPdfRenderer.render(report.html, {
      headerTemplate: report.header,
      footerTemplate: report.footer,
      env: process.env,
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-pdf-'));
    await writeFile(path.join(dir, 'report.pdf'), pdf);
    pages = pdfPages(pdf, dir, 'report.pdf');
  }, 120_000);

  it('shows every section title', () => {
    const all = flat(pages.join(' '));
    for (const entry of report.view.toc) expect(all).toContain(entry.title);
  });

  it('names every finding by its id', () => {
    const all = pages.join(' ');
    for (const f of report.evidence.findings) expect(all).toContain(f.id);
  });

  it('has a "page X of Y" footer and the report id in the header on every page', () => {
    pages.forEach((text, i) => {
      expect(flat(text)).toContain(`page ${i + 1} of ${pages.length}`);
      expect(text).toContain(report.evidence.reportId);
    });
  });

  it('gives each section the page number where its title is printed', () => {
    const tocIndex = pages.findIndex((t) => /Contents/.test(t));
    expect(tocIndex).toBeGreaterThanOrEqual(0);
    const tocLines = pages[tocIndex]!.split('\n');
    for (const entry of report.view.toc) {
      const line = tocLines.find((l) => l.includes(entry.title));
      const listed = Number(/(\d+)\s*$/.exec(line ?? '')?.[1]);
      // The section's own page: the first page after the contents whose heading line is exactly the title.
      const printed =
        pages.findIndex((t, i) => i > tocIndex && t.split('\n').some((l) => l.trim() === entry.title)) + 1;
      expect(printed).toBeGreaterThan(tocIndex + 1);
      expect({ section: entry.id, listed }).toEqual({ section: entry.id, listed: printed });
    }
  });
});
