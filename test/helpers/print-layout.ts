// Measures a report page in real Chromium at A4 print width: the cells whose content overflows them, and the
// cells where an ordinary word had to be broken to fit (the "monitorin g" a reader trips over).
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { findBrowser } from '../../src/render/pdf/find-browser.js';
import { CHROMIUM_ARGS } from '../../src/render/pdf/render-pdf.js';

/** A4 (210 mm) less the PDF's 14 mm side margins, in CSS pixels (96 per inch). */
export const A4_PRINT_WIDTH_PX = Math.floor(((210 - 2 * 14) / 25.4) * 96);

export interface CellProblem {
  readonly table: string;
  readonly column: string;
  readonly text: string;
  readonly cellWidth: number;
  readonly contentWidth: number;
}

export async function openPrintBrowser(): Promise<Browser> {
  return puppeteer.launch({ executablePath: findBrowser(process.env), headless: true, args: CHROMIUM_ARGS });
}

export async function loadAtPrintWidth(browser: Browser, file: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: A4_PRINT_WIDTH_PX, height: 1100 });
  await page.emulateMediaType('print');
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return page;
}

/**
 * Cells whose content is wider than the cell. With `wholeWords`, words are first forbidden to break, so a cell
 * that only fit by breaking an ordinary word counts too; technical tokens may still break (longer than
 * `longToken` characters, like digests, or longer than 16 with a / @ : or ., like paths, hosts and emails).
 */
// Runs in the page (plain JavaScript: the test build has no DOM types).
const MEASURE = `(whole, long) => {
  const style = document.createElement('style');
  if (whole) {
    style.textContent = 'td, td *, th, th * { overflow-wrap: normal !important; word-break: normal !important; }';
    document.head.appendChild(style);
  }
  const out = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const text = (cell.textContent || '').trim();
    if (whole && text.split(/\\s+/).some((w) => w.length > long || (w.length > 16 && /[\\/@:.]/.test(w)))) continue;
    const box = cell.getBoundingClientRect();
    let right = cell.scrollWidth > cell.clientWidth + 1 ? box.right + 2 : box.right;
    for (const el of cell.querySelectorAll('*')) right = Math.max(right, el.getBoundingClientRect().right);
    if (right > box.right + 1) {
      const table = cell.closest('table');
      const index = Array.from(cell.parentElement ? cell.parentElement.children : []).indexOf(cell);
      const th = table ? table.querySelectorAll('thead th')[index] : undefined;
      const section = cell.closest('section');
      const caption = table && table.querySelector('caption');
      out.push({
        table: ((section ? section.id : '') + (table && table.id ? '#' + table.id : '') + ' ' + (caption ? caption.textContent : '')).trim(),
        column: th ? th.textContent : String(index),
        text: text.slice(0, 80),
        cellWidth: Math.round(box.width),
        contentWidth: Math.round(right - box.left),
      });
    }
  }
  style.remove();
  return out;
}`;

/**
 * Cells whose content is wider than the cell. With `wholeWords`, words are first forbidden to break, so a cell
 * that only fit by breaking an ordinary word counts too; technical tokens may still break (longer than
 * `longToken` characters, like digests, or longer than 16 with a / @ : or ., like paths, hosts and emails).
 */
export async function overflowingCells(
  page: Page,
  wholeWords: boolean,
  longToken = 28,
): Promise<CellProblem[]> {
  return (await page.evaluate(`(${MEASURE})(${String(wholeWords)}, ${longToken})`)) as CellProblem[];
}

// Runs in the page: every YYYY-MM-DD in a table cell, and how many lines it is printed on.
const DATES = `() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement || !n.parentElement.closest('td')) continue;
    const re = /\\d{4}-\\d{2}-\\d{2}/g;
    for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const tops = new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top)));
      if (tops.size > 1) out.push(m[0] + ' in ' + (n.parentElement.closest('table')?.id || 'a table'));
    }
  }
  return out;
}`;

/** Dates in table cells that the layout broke across lines ("2026-01-" / "12"). */
export async function brokenDates(page: Page): Promise<string[]> {
  return (await page.evaluate(`(${DATES})()`)) as string[];
}
