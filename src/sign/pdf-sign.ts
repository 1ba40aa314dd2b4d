// Signs a PDF (Chromium-made, classic xref) with a detached CMS over its ByteRange (adbe.pkcs7.detached),
// so Acrobat and pdfsig show the signature and any later change breaks it.
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as PdfSigner, SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import { AppError } from '../model/errors.js';
import type { Signer } from './types.js';

export interface SignPdfOptions {
  signingTime: Date;
  /** "Compliance evidence" in reports. */
  reason: string;
  location?: string;
  name?: string;
  tsaUrl?: string;
}

/** Bridges our Signer to @signpdf, remembering the CMS size so a too-small placeholder can be retried. */
class CmsPdfSigner extends PdfSigner {
  lastLength = 0;
  constructor(
    private readonly signer: Signer,
    private readonly opts: SignPdfOptions,
  ) {
    super();
  }
  override async sign(content: Buffer): Promise<Buffer> {
    const cms = await this.signer.signDetached(new Uint8Array(content), {
      signingTime: this.opts.signingTime,
      ...(this.opts.tsaUrl ? { tsaUrl: this.opts.tsaUrl } : {}),
    });
    this.lastLength = cms.length;
    return Buffer.from(cms);
  }
}

async function attempt(
  pdf: Uint8Array,
  bridge: CmsPdfSigner,
  opts: SignPdfOptions & { name: string },
  length: number,
): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf),
    reason: opts.reason,
    contactInfo: '',
    name: opts.name,
    location: opts.location ?? '',
    signingTime: opts.signingTime,
    signatureLength: length,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'netpol-evidence',
  });
  return new SignPdf().sign(withPlaceholder, bridge, opts.signingTime);
}

/** Returns the signed PDF; the input is not changed. */
export async function signPdf(pdf: Uint8Array, signer: Signer, opts: SignPdfOptions): Promise<Uint8Array> {
  const bridge = new CmsPdfSigner(signer, opts);
  const all = { ...opts, name: opts.name ?? signer.info.subject };
  try {
    try {
      return new Uint8Array(await attempt(pdf, bridge, all, 8192));
    } catch (e) {
      if (!/exceeds placeholder length/.test((e as Error).message)) throw e;
      return new Uint8Array(await attempt(pdf, bridge, all, bridge.lastLength + 2048));
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('SIGN', `cannot sign the PDF: ${(e as Error).message}`, { cause: e });
  }
}
