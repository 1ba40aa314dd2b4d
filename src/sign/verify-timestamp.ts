// RFC 3161 timestamp tokens on a signature (the id-aa-signatureTimeStampToken unsigned attribute): the
// token's own CMS signature, its imprint over the signature value, the ESS certificate binding, and, when
// the auditor names the TSA's anchor (--tsa-ca), the TSA's certificate path. Only a verified token's time
// may be used for trust; an intact but unanchored one is shown as an "unverified timestamp".
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID_TIMESTAMP_TOKEN } from './cms-sign.js';
import { pathToAnchor } from './cert-path.js';
import { checkSigner, HASHES, OID_TST_INFO, parseSignedData } from './cms-signer.js';
import { describeCertificate } from './pki.js';

const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const OID_SHA1 = '1.3.14.3.2.26';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

export interface TimestampVerdict {
  /** verified: intact and the TSA chains to --tsa-ca; unverified: intact, no --tsa-ca; invalid: neither. */
  status: 'verified' | 'unverified' | 'invalid';
  genTime?: Date;
  tsa?: string;
  detail: string;
}

/** The first ESSCertID(v2) of the token's signed attributes must be the hash of the TSA's certificate. */
function essProblem(signerInfo: pkijs.SignerInfo, tsaDer: Uint8Array): string | undefined {
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === OID_SIGNING_CERTIFICATE_V2);
  const v1 = attrs.find((a) => a.type === OID_SIGNING_CERTIFICATE);
  const attr = v2 ?? v1;
  if (!attr) return 'the token does not name its signing certificate (ESS signing-certificate attribute)';
  try {
    const certs = (attr.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    let alg = v2 ? OID_SHA256 : OID_SHA1;
    let hashBlock = parts[0];
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      alg = (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
      hashBlock = parts[1];
    }
    const name = alg === OID_SHA1 ? 'sha1' : HASHES[alg];
    if (!name || !(hashBlock instanceof asn1js.OctetString)) return 'unreadable ESS certificate identifier';
    const want = createHash(name).update(tsaDer).digest();
    return want.equals(Buffer.from(hashBlock.valueBlock.valueHexView))
      ? undefined
      : 'the ESS certificate identifier does not match the TSA certificate';
  } catch {
    return 'unreadable ESS signing-certificate attribute';
  }
}

/** Checks one token over `signatureValue`; tsaAnchors undefined means no --tsa-ca was given. */
export function checkTimestampToken(
  tokenDer: Uint8Array,
  signatureValue: Uint8Array,
  tsaAnchors: readonly Uint8Array[] | undefined,
): TimestampVerdict {
  const invalid = (why: string): TimestampVerdict => ({
    status: 'invalid',
    detail: `timestamp invalid: ${why}`,
  });
  let token: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  let content: Uint8Array;
  try {
    token = parseSignedData(tokenDer);
    const e = token.encapContentInfo.eContent;
    if (!e) return invalid('the token carries no TSTInfo');
    content = new Uint8Array(e.getValue());
    tst = pkijs.TSTInfo.fromBER(content);
  } catch (e) {
    return invalid((e as Error).message);
  }
  const signer = checkSigner(token, content, OID_TST_INFO);
  if (!signer.ok) return invalid(signer.detail);
  const hash = HASHES[tst.messageImprint.hashAlgorithm.algorithmId];
  if (!hash)
    return invalid(`imprint algorithm ${tst.messageImprint.hashAlgorithm.algorithmId} is not accepted`);
  const imprint = createHash(hash).update(signatureValue).digest();
  if (!imprint.equals(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView)))
    return invalid('its imprint is not the hash of this signature value');
  const ess = essProblem(signer.signerInfo, signer.signerDer);
  if (ess) return invalid(ess);
  const genTime = tst.genTime;
  const tsa = describeCertificate(signer.signerDer).subject;
  if (tsaAnchors === undefined)
    return {
      status: 'unverified',
      genTime,
      tsa,
      detail: `unverified timestamp ${genTime.toISOString()} (by ${tsa}; no --tsa-ca given, not used for trust)`,
    };
  const path = pathToAnchor(signer.signerDer, signer.otherCerts, tsaAnchors, genTime, 'timestamping');
  if (!path.ok) return invalid(`the TSA does not chain to --tsa-ca: ${path.reason}`);
  return { status: 'verified', genTime, tsa, detail: `timestamped ${genTime.toISOString()} by ${tsa}` };
}

/** The token of a SignerInfo, if any (more than one is refused: which time would count?). */
export function timestampOf(
  signerInfo: pkijs.SignerInfo,
  tsaAnchors: readonly Uint8Array[] | undefined,
): TimestampVerdict | undefined {
  const attrs = (signerInfo.unsignedAttrs?.attributes ?? []).filter((a) => a.type === OID_TIMESTAMP_TOKEN);
  if (attrs.length === 0) return undefined;
  const values = attrs.flatMap((a) => a.values as asn1js.BaseBlock[]);
  if (values.length !== 1) return { status: 'invalid', detail: 'timestamp invalid: more than one token' };
  const block = values[0] as asn1js.BaseBlock;
  const der = block.valueBeforeDecodeView.length
    ? new Uint8Array(block.valueBeforeDecodeView)
    : new Uint8Array(block.toBER(false));
  return checkTimestampToken(der, new Uint8Array(signerInfo.signature.valueBlock.valueHexView), tsaAnchors);
}
