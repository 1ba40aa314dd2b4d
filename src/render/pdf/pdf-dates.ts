// Chromium stamps its PDFs with the wall-clock time; the report's clock goes there instead, so two runs with
// one SOURCE_DATE_EPOCH give byte-identical PDFs (and so identical signatures and manifests).

/** PDF date string "D:YYYYMMDDHHmmSS+00'00'" (ISO 32000-1 7.9.4), always 23 characters. */
export function pdfDate(d: Date): string {
  const iso = d.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

/**
 * Rewrites the Info dictionary's /CreationDate and /ModDate in place. Only same-length replacements are made,
 * so every byte offset (and the cross-reference table) stays valid; other date forms are left alone.
 */
export function stampPdfDates(pdf: Uint8Array, at: Date): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const stamped = text.replace(
    /\/(CreationDate|ModDate) \(D:\d{14}[+-]\d{2}'\d{2}'\)/g,
    (_m, key: string) => `/${key} (${pdfDate(at)})`,
  );
  return stamped === text ? pdf : new Uint8Array(Buffer.from(stamped, 'latin1'));
}
