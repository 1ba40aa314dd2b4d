// Checks a signed PDF two ways: our own CMS check over its ByteRange, and poppler's pdfsig when installed.
import { execFile } from 'node:child_process';
import { verifyCmsDetached, type CmsTrust, type CmsVerdict } from './verify-cms.js';
import type { VerifyCheck } from './types.js';

interface PdfSignature {
  ranges: [number, number, number, number];
  contents: Uint8Array;
}

/** Length of a DER TLV from its header, so the zero padding of /Contents is cut off. */
function derLength(b: Uint8Array): number {
  const first = b[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (b[2 + i] ?? 0);
  return 2 + n + len;
}

/** The last signature of the PDF (an incremental update appends the newest at the end). */
export function findPdfSignature(pdf: Uint8Array): PdfSignature | string {
  const text = Buffer.from(pdf).toString('latin1');
  const all = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const m = all[all.length - 1];
  if (!m) return 'no signature (/ByteRange) in the PDF';
  const r = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  const [a, b, c, d] = r;
  if (a !== 0 || b >= c || c + d !== pdf.length) {
    return `ByteRange [${r.join(' ')}] does not cover the whole file of ${pdf.length} bytes`;
  }
  const hole = text.slice(b, c);
  if (!/^<[0-9a-fA-F]*>$/.test(hole)) return 'ByteRange gap is not the /Contents hex string';
  const bytes = new Uint8Array(Buffer.from(hole.slice(1, -1), 'hex'));
  return { ranges: r, contents: bytes.slice(0, derLength(bytes)) };
}

/** Verifies the PDF's CMS over the signed bytes with pkijs. */
export async function verifyPdfSignature(
  pdf: Uint8Array,
  trust: CmsTrust | readonly Uint8Array[],
): Promise<CmsVerdict> {
  const sig = findPdfSignature(pdf);
  if (typeof sig === 'string') return { signatureOk: false, trusted: false, detail: sig };
  const [, b, c, d] = sig.ranges;
  const signed = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  return verifyCmsDetached(sig.contents, new Uint8Array(signed), trust);
}

/** Runs `pdfsig` if it is on PATH; undefined when it is not installed. */
export function runPdfsig(file: string): Promise<VerifyCheck | undefined> {
  return new Promise((resolve) => {
    execFile('pdfsig', [file], (err, stdout) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
      const lines = String(stdout)
        .split('\n')
        .filter((l) => /Signature Validation:/.test(l))
        .map((l) => l.replace(/^.*Signature Validation:\s*/, '').trim());
      const ok = lines.length > 0 && lines.every((l) => l === 'Signature is Valid.');
      resolve({
        name: 'pdfsig',
        ok,
        detail: lines.length
          ? lines.join('; ')
          : `no signature found (${String(stdout).trim().split('\n')[0] ?? ''})`,
      });
    });
  });
}
