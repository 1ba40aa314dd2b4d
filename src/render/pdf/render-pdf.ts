// HTML -> PDF through headless Chromium (the only user of puppeteer).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { onRunAbort, runAbortSignal } from '../../model/abort.js';
import { AppError } from '../../model/errors.js';
import { findBrowser } from './find-browser.js';
import { stampPdfDates } from './pdf-dates.js';
import { fillTocPages, tocTargets } from './fill-toc.js';
import { namedDestinationPages } from './toc-pages.js';

/** Flags that keep Chromium quiet on closed networks and inside containers. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PdfOptions {
  /** Chromium header/footer templates (see page.pdf); may use pageNumber and totalPages classes. */
  readonly headerTemplate: string;
  readonly footerTemplate: string;
  readonly env: NodeJS.ProcessEnv;
  /** Tagged (accessible) PDF; off by default because it costs time and memory on large reports. */
  readonly tagged?: boolean;
  /** The report's clock, written as the PDF's creation and modification date (instead of the wall clock). */
  readonly createdAt?: Date;
}

export interface PdfRenderer {
  render(html: string, opts: PdfOptions): Promise<Uint8Array>;
}

/**
 * Starts Chromium with a profile folder of our own under the temp folder. Signals are the CLI's: a stopped
 * run (model/abort.ts) kills Chromium through `signal`, even while it is still starting, and removes the
 * profile; `browser.close()` in the normal course removes it too.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv): Promise<Browser> {
  const executablePath = findBrowser(env);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'netpol-evidence-chromium-'));
  const removeProfile = (): Promise<void> =>
    rm(profile, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
  const forget = onRunAbort(removeProfile);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      userDataDir: profile,
      // Chromium's own temporary files go inside the profile, so removing it leaves nothing behind.
      env: { ...env, TMPDIR: profile },
      timeout: 60_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      signal: runAbortSignal,
    });
  } catch (e) {
    forget();
    await removeProfile();
    throw new AppError('RENDER', `cannot start Chromium at ${executablePath}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  // The profile goes once Chromium has exited (it writes to it until then).
  browser.once('disconnected', () => {
    forget();
    const proc = browser.process();
    if (proc && proc.exitCode === null && proc.signalCode === null)
      proc.once('exit', () => void removeProfile());
    else void removeProfile();
  });
  return browser;
}

async function printPdf(page: Page, opts: PdfOptions): Promise<Uint8Array> {
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: opts.headerTemplate,
    footerTemplate: opts.footerTemplate,
    margin: { top: '22mm', bottom: '18mm', left: '14mm', right: '14mm' },
    tagged: opts.tagged ?? false,
    outline: true,
    timeout: 300_000,
  });
  return new Uint8Array(pdf);
}

/** Section id -> first page, for the ids the TOC links to (Chromium names a destination per link target). */
async function sectionPages(pdf: Uint8Array, ids: readonly string[]): Promise<Record<string, number>> {
  const dests = await namedDestinationPages(pdf);
  const out: Record<string, number> = {};
  for (const id of ids) {
    const n = dests.get(id);
    if (n !== undefined) out[id] = n;
  }
  return out;
}

const same = (a: Record<string, number>, b: Record<string, number>): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Prints a loaded report with page numbers in its table of contents: print, read where each section starts,
 * write the numbers into the TOC and print again. The TOC fills the same pages both times, so the numbers
 * hold; if filling them moved a section anyway, one more round settles it.
 */
export async function renderPdfWithToc(page: Page, opts: PdfOptions): Promise<Uint8Array> {
  const ids = await tocTargets(page);
  let pdf = await printPdf(page, opts);
  if (ids.length === 0) return pdf;
  let pages = await sectionPages(pdf, ids);
  for (let round = 0; round < 2; round++) {
    await fillTocPages(page, pages);
    pdf = await printPdf(page, opts);
    const again = await sectionPages(pdf, ids);
    if (same(again, pages)) break;
    pages = again;
  }
  return pdf;
}

/** Renders with a fresh browser each time; the page may make no network request at all. */
export const chromiumPdfRenderer: PdfRenderer = {
  async render(html, opts) {
    const browser = await launchBrowser(opts.env);
    const forget = onRunAbort(() => browser.close());
    try {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        // Self-contained report: only the document itself and data: URIs load.
        if (req.url().startsWith('data:')) void req.continue();
        else void req.abort('blockedbyclient');
      });
      await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
      const pdf = await renderPdfWithToc(page, opts);
      return opts.createdAt ? stampPdfDates(pdf, opts.createdAt) : pdf;
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('RENDER', `PDF rendering failed: ${(e as Error).message}`, { cause: e });
    } finally {
      forget();
      await browser.close();
    }
  },
};
