// The one place a CMS SignerInfo is checked (RFC 5652 section 5.4): pkijs only parses; the digest of the
// content we were given and the signature over the signed attributes are computed here with node:crypto,
// so embedded content or a second certificate can never stand in for what is on disk.
import { X509Certificate, createHash, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certDer } from './pki.js';

export const OID_DATA = '1.2.840.113549.1.7.1';
export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

/** Digest algorithms accepted for content and signatures (SHA-1 and MD5 are not). */
export const HASHES: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms: the hash they name (undefined = the SignerInfo's digest algorithm). */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, { key: 'rsa' | 'ec'; hash?: string }>> = {
  '1.2.840.113549.1.1.1': { key: 'rsa' },
  '1.2.840.113549.1.1.11': { key: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', hash: 'sha512' },
  '1.2.840.10045.2.1': { key: 'ec' },
  '1.2.840.10045.4.3.2': { key: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', hash: 'sha512' },
};

export type SignerCheck =
  | {
      ok: true;
      signerInfo: pkijs.SignerInfo;
      /** DER of the certificate the SignerInfo names. */
      signerDer: Uint8Array;
      /** Every other certificate of the SignedData: candidates for the path, never the signer. */
      otherCerts: Uint8Array[];
      signingTime?: Date;
    }
  | { ok: false; detail: string };

const fail = (detail: string): SignerCheck => ({ ok: false, detail });

/** Parses a ContentInfo holding SignedData; trailing bytes after the DER are refused. */
export function parseSignedData(der: Uint8Array): pkijs.SignedData {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1) throw new Error(asn.result.error || 'not DER');
  if (asn.offset !== der.length) throw new Error(`${der.length - asn.offset} bytes after the signature`);
  const info = new pkijs.ContentInfo({ schema: asn.result });
  if (info.contentType !== OID_SIGNED_DATA) throw new Error('not CMS SignedData');
  return new pkijs.SignedData({ schema: info.content });
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** The certificate the SignerInfo names (issuer and serial, or subject key identifier); exactly one. */
function findSigner(signerInfo: pkijs.SignerInfo, certs: pkijs.Certificate[]): pkijs.Certificate | string {
  const sid = signerInfo.sid as unknown;
  let matches: pkijs.Certificate[];
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = new Uint8Array(sid.issuer.valueBeforeDecode);
    const serial = new Uint8Array(sid.serialNumber.valueBlock.valueHexView);
    matches = certs.filter(
      (c) =>
        same(new Uint8Array(c.issuer.valueBeforeDecode), issuer) &&
        same(new Uint8Array(c.serialNumber.valueBlock.valueHexView), serial),
    );
  } else if (sid instanceof asn1js.BaseBlock) {
    const keyId = subjectKeyIdOfSid(sid);
    matches = certs.filter((c) => {
      const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
      const v = ext?.parsedValue as asn1js.OctetString | undefined;
      return v !== undefined && same(new Uint8Array(v.valueBlock.valueHexView), keyId);
    });
  } else {
    return 'the signer identifier is neither issuer-and-serial nor subject key identifier';
  }
  if (matches.length === 0) return 'the signer certificate named by the SignerInfo is not in the signature';
  const distinct = new Set(matches.map((c) => Buffer.from(certDer(c)).toString('hex')));
  if (distinct.size > 1) return 'more than one certificate matches the signer identifier (ambiguous signer)';
  return matches[0] as pkijs.Certificate;
}

/** Splits one DER TLV into tag byte and value (short and long lengths). */
function tlv(b: Uint8Array): { tag: number; value: Uint8Array } {
  const first = b[1] ?? 0;
  const n = first < 0x80 ? 0 : first & 0x7f;
  let len = first < 0x80 ? first : 0;
  for (let i = 0; i < n; i++) len = len * 256 + (b[2 + i] ?? 0);
  return { tag: b[0] ?? 0, value: b.subarray(2 + n, 2 + n + len) };
}

/** [0] SubjectKeyIdentifier, primitive (IMPLICIT) or wrapping an OCTET STRING. */
function subjectKeyIdOfSid(sid: asn1js.BaseBlock): Uint8Array {
  const outer = tlv(new Uint8Array(sid.valueBeforeDecodeView));
  return outer.tag === 0xa0 ? tlv(outer.value).value : outer.value;
}

function derSet(body: Buffer): Buffer {
  const n = body.length;
  const len =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([0x31, ...len]), body]);
}

/** The signed attributes must be one DER SET (sorted), each type once with exactly one value. */
function attributeProblem(attrs: pkijs.SignedAndUnsignedAttributes): string | undefined {
  const types = attrs.attributes.map((a) => a.type);
  if (new Set(types).size !== types.length) return 'a signed attribute appears more than once';
  for (const t of [OID_CONTENT_TYPE, OID_MESSAGE_DIGEST, OID_SIGNING_TIME]) {
    const a = attrs.attributes.find((x) => x.type === t);
    if (a && a.values.length !== 1) return `signed attribute ${t} must have exactly one value`;
  }
  const encoded = attrs.attributes.map((a) => Buffer.from(a.toSchema().toBER(false)));
  const sorted = [...encoded].sort(Buffer.compare);
  if (!derSet(Buffer.concat(sorted)).equals(Buffer.from(attrs.encodedValue)))
    return 'the signed attributes are not DER-encoded (unsorted or re-encoded)';
  return undefined;
}

function attrValue(signerInfo: pkijs.SignerInfo, type: string): asn1js.BaseBlock | undefined {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0] as
    asn1js.BaseBlock | undefined;
}

/**
 * Checks the one SignerInfo of `signed` over `content` (the detached file, or a timestamp's eContent): the
 * content-type and message-digest attributes, the digest algorithm, and the signature over the signed
 * attributes with the key of the certificate the SignerInfo names.
 */
export function checkSigner(signed: pkijs.SignedData, content: Uint8Array, contentType: string): SignerCheck {
  if (signed.signerInfos.length !== 1) return fail('expected exactly one signer');
  const signerInfo = signed.signerInfos[0] as pkijs.SignerInfo;
  if (signed.encapContentInfo.eContentType !== contentType)
    return fail(`signed content type ${signed.encapContentInfo.eContentType}, expected ${contentType}`);
  const attrs = signerInfo.signedAttrs;
  if (!attrs || attrs.attributes.length === 0)
    return fail('no signed attributes (content type and message digest must be signed)');
  const problem = attributeProblem(attrs);
  if (problem) return fail(problem);
  const ct = attrValue(signerInfo, OID_CONTENT_TYPE);
  if (!(ct instanceof asn1js.ObjectIdentifier) || ct.valueBlock.toString() !== contentType)
    return fail('the content-type signed attribute is missing or does not match');
  const md = attrValue(signerInfo, OID_MESSAGE_DIGEST);
  if (!(md instanceof asn1js.OctetString)) return fail('the message-digest signed attribute is missing');
  const hash = HASHES[signerInfo.digestAlgorithm.algorithmId];
  if (!hash) return fail(`digest algorithm ${signerInfo.digestAlgorithm.algorithmId} is not accepted`);
  const sigAlg = SIGNATURE_ALGORITHMS[signerInfo.signatureAlgorithm.algorithmId];
  if (!sigAlg)
    return fail(`signature algorithm ${signerInfo.signatureAlgorithm.algorithmId} is not accepted`);
  if (sigAlg.hash && sigAlg.hash !== hash)
    return fail(`signature algorithm uses ${sigAlg.hash}, the digest algorithm says ${hash}`);
  const digest = createHash(hash).update(content).digest();
  if (!digest.equals(Buffer.from(md.valueBlock.valueHexView)))
    return fail('message digest does not match the signed data');
  const certs = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signer = findSigner(signerInfo, certs);
  if (typeof signer === 'string') return fail(signer);
  const signerDer = certDer(signer);
  let key: X509Certificate['publicKey'];
  try {
    key = new X509Certificate(Buffer.from(signerDer)).publicKey;
  } catch {
    return fail('the signer certificate cannot be read');
  }
  if (key.asymmetricKeyType !== sigAlg.key)
    return fail('the signature algorithm does not fit the signer key');
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  const ok = verifySignature(hash, Buffer.from(attrs.encodedValue), key, signature);
  if (!ok) return fail('signature does not match the data');
  const t = attrValue(signerInfo, OID_SIGNING_TIME);
  const signingTime =
    t instanceof asn1js.UTCTime || t instanceof asn1js.GeneralizedTime ? t.toDate() : undefined;
  return {
    ok: true,
    signerInfo,
    signerDer,
    otherCerts: certs.map(certDer).filter((d) => !same(d, signerDer)),
    ...(signingTime ? { signingTime } : {}),
  };
}
