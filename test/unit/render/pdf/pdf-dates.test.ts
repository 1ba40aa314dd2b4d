import { pdfDate, stampPdfDates } from '../../../../src/render/pdf/pdf-dates.js';

describe("the PDF's dates come from the report clock", () => {
  it('writes the PDF date form, always the same length', () => {
    expect(pdfDate(new Date('2026-01-15T10:00:00Z'))).toBe("D:20260115100000+00'00'");
  });

  it("replaces Chromium's CreationDate and ModDate in place, keeping every byte offset", () => {
    const pdf = Buffer.from(
      "%PDF-1.4\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261129214607+00'00')\n/ModDate (D:20261129214607+00'00')>>",
      'latin1',
    );
    const out = Buffer.from(stampPdfDates(new Uint8Array(pdf), new Date('2026-01-15T10:00:00Z')));
    expect(out.length).toBe(pdf.length);
    expect(out.toString('latin1')).toContain("/CreationDate (D:20260115100000+00'00')");
    expect(out.toString('latin1')).toContain("/ModDate (D:20260115100000+00'00')");
    expect(out.toString('latin1')).not.toContain('2026112921');
  });
});
