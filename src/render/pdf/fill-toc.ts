// Writes page numbers into the report's table of contents (<nav class="toc">, one <a href="#id"> per entry,
// the number in <span class="toc-page">) in the loaded page, before the second print.
import type { Page } from 'puppeteer';

interface ElementLike {
  getAttribute(name: string): string | null;
  querySelector(selector: string): ElementLike | null;
  appendChild(child: ElementLike): unknown;
  setAttribute(name: string, value: string): void;
  textContent: string | null;
}

interface DocumentLike {
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
  createElement(tag: string): ElementLike;
}

/** The section ids the TOC links to, in order. */
export async function tocTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: DocumentLike }).document;
    return Array.from(doc.querySelectorAll('nav.toc a[href^="#"]'))
      .map((a) => (a.getAttribute('href') ?? '').slice(1))
      .filter((id) => id !== '');
  });
}

/** Sets each entry's page number (creating the span when the template left it out); returns how many. */
export async function fillTocPages(page: Page, pages: Readonly<Record<string, number>>): Promise<number> {
  return page.evaluate(
    (byId: Record<string, number>) => {
      const doc = (globalThis as unknown as { document: DocumentLike }).document;
      let filled = 0;
      for (const a of Array.from(doc.querySelectorAll('nav.toc a[href^="#"]'))) {
        const n = byId[(a.getAttribute('href') ?? '').slice(1)];
        if (n === undefined) continue;
        let span = a.querySelector('.toc-page');
        if (!span) {
          span = doc.createElement('span');
          span.setAttribute('class', 'toc-page');
          a.appendChild(span);
        }
        span.textContent = String(n);
        filled++;
      }
      return filled;
    },
    pages as Record<string, number>,
  );
}
