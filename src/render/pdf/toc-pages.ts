// Where each section starts in a rendered PDF, read back with pdf-lib (pure JS, no system tool at run time).
// Chromium writes a named destination for every in-document link target, so the TOC's href="#id" links give
// one destination per section id: its page is the section's first page.
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFObject,
} from 'pdf-lib';

function nameOf(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  if (o instanceof PDFName) return o.decodeText();
  return undefined;
}

/** A destination is [pageRef /XYZ ...] or a dictionary whose /D is that array. */
function destPage(
  doc: PDFDocument,
  dest: PDFObject | undefined,
  pageIndex: Map<string, number>,
): number | undefined {
  let d = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
  if (d instanceof PDFDict) d = d.lookup(PDFName.of('D'));
  if (!(d instanceof PDFArray) || d.size() === 0) return undefined;
  const ref = d.get(0);
  return ref instanceof PDFRef ? pageIndex.get(ref.toString()) : undefined;
}

/** Walks a name tree (/Kids, /Names [key value ...]). */
function walkNameTree(
  doc: PDFDocument,
  node: PDFDict,
  visit: (name: string, value: PDFObject | undefined) => void,
  depth = 0,
): void {
  if (depth > 32) return;
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = nameOf(names.lookup(i));
      if (key !== undefined) visit(key, names.get(i + 1));
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walkNameTree(doc, kid, visit, depth + 1);
    }
  }
}

/** Named destination -> 1-based page number, from the catalog's /Dests dictionary and /Names /Dests tree. */
export async function namedDestinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageIndex = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageIndex.set(p.ref.toString(), i + 1));
  const out = new Map<string, number>();
  const add = (name: string, value: PDFObject | undefined): void => {
    const page = destPage(doc, value, pageIndex);
    if (page !== undefined && !out.has(name)) out.set(name, page);
  };
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) {
    for (const [k, v] of dests.entries()) add(k.decodeText(), v);
  }
  const names = doc.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) {
    const tree = names.lookup(PDFName.of('Dests'));
    if (tree instanceof PDFDict) walkNameTree(doc, tree, add);
  }
  return out;
}

/** The number of pages of a PDF. */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}
