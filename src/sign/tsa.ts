// RFC 3161 client: asks a Time-Stamping Authority to timestamp a signature value (over HTTP POST).
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../model/errors.js';

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

/** 8 random bytes as a positive, minimally encoded INTEGER: a leading 0x00 (1 in 256) is not DER and a leading
 * bit of 1 is negative, and OpenSSL's TSA rejects such a request (status 2). */
function positiveNonce(): Uint8Array {
  const b = randomBytes(8);
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x01;
  return new Uint8Array(b);
}

/** Returns the TimeStampToken (a ContentInfo) whose imprint is SHA-256 of `signatureValue`. */
export async function requestTimestamp(url: string, signatureValue: Uint8Array): Promise<asn1js.Sequence> {
  const imprint = createHash('sha256').update(signatureValue).digest();
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID_SHA256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: positiveNonce() }),
    certReq: true,
  });
  let body: Uint8Array;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(req.toSchema().toBER(false)),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new AppError('SIGN', `timestamp authority ${url} failed: ${(e as Error).message}`, { cause: e });
  }
  return parseTimestampResponse(url, body, imprint);
}

function parseTimestampResponse(url: string, body: Uint8Array, imprint: Uint8Array): asn1js.Sequence {
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(body);
  } catch (e) {
    throw new AppError('SIGN', `timestamp authority ${url} sent an unreadable reply`, { cause: e });
  }
  const status = resp.status.status;
  if ((status !== 0 && status !== 1) || !resp.timeStampToken) {
    throw new AppError('SIGN', `timestamp authority ${url} refused the request (status ${status})`);
  }
  const signed = new pkijs.SignedData({ schema: resp.timeStampToken.content });
  const content = signed.encapContentInfo.eContent;
  if (!content) throw new AppError('SIGN', `timestamp authority ${url} sent a token without TSTInfo`);
  const tst = pkijs.TSTInfo.fromBER(content.getValue());
  if (!Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(imprint))) {
    throw new AppError('SIGN', `timestamp authority ${url} timestamped a different value`);
  }
  return resp.timeStampToken.toSchema() as asn1js.Sequence;
}
