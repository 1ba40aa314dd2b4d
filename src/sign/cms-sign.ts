// Detached CMS SignedData (RFC 5652) with content-type, signing-time and message-digest signed attributes.
import { createHash, type webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../model/errors.js';
import { requestTimestamp } from './tsa.js';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
/** id-aa-signatureTimeStampToken (RFC 3161 appendix A). */
export const OID_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return a.length - b.length;
}

/** DER orders a SET OF by encoding; OpenSSL re-encodes signed attributes, so ours must already be sorted. */
function derSorted(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  const enc = attrs.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }));
  return enc.sort((x, y) => compareBytes(x.der, y.der)).map((x) => x.a);
}

/** Signing time as UTCTime up to 2049, GeneralizedTime after (RFC 5652 section 11.3). */
function timeValue(t: Date): asn1js.BaseBlock {
  const whole = new Date(Math.floor(t.getTime() / 1000) * 1000);
  return whole.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: whole })
    : new asn1js.GeneralizedTime({ valueDate: whole });
}

export interface CmsKey {
  privateKey: webcrypto.CryptoKey;
  cert: pkijs.Certificate;
  chain: pkijs.Certificate[];
}

/** Signs `data` (detached) and, given a TSA, adds a timestamp over the signature value. */
export async function signCmsDetached(
  key: CmsKey,
  data: Uint8Array,
  opts: { signingTime: Date; tsaUrl?: string },
): Promise<Uint8Array> {
  const digest = createHash('sha256').update(data).digest();
  const attrs = derSorted([
    new pkijs.Attribute({
      type: OID_CONTENT_TYPE,
      values: [new asn1js.ObjectIdentifier({ value: OID_DATA })],
    }),
    new pkijs.Attribute({ type: OID_SIGNING_TIME, values: [timeValue(opts.signingTime)] }),
    new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
  ]);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: key.cert.issuer, serialNumber: key.cert.serialNumber }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
  });
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
    signerInfos: [signerInfo],
    certificates: [key.cert, ...key.chain],
  });
  try {
    await signed.sign(key.privateKey, 0, 'SHA-256');
  } catch (e) {
    throw new AppError('SIGN', `signing failed: ${(e as Error).message}`, { cause: e });
  }
  if (opts.tsaUrl) {
    const token = await requestTimestamp(opts.tsaUrl, signerInfo.signature.valueBlock.valueHexView);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID_TIMESTAMP_TOKEN, values: [token] })],
    });
  }
  const info = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}
