// Verifies a detached CMS signature with pkijs: the signature, the chain to a trust anchor, and an
// embedded RFC 3161 timestamp (its imprint must be the SHA-256 of the signature value).
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID_TIMESTAMP_TOKEN } from './cms-sign.js';
import { certDer, describeCertificate } from './pki.js';

export interface CmsVerdict {
  /** The signature over the data is intact (says nothing about trust). */
  signatureOk: boolean;
  /** The signer chains to one of the anchors (false when no anchor was given). */
  trusted: boolean;
  signer?: { subject: string; fingerprintSha256: string; selfSigned: boolean };
  signingTime?: Date;
  timestamp?: { ok: boolean; genTime?: Date; detail: string };
  /** Why the signer does not chain to an anchor, when it does not. */
  trustProblem?: string;
  detail: string;
}

function parseSignedData(der: Uint8Array): pkijs.SignedData {
  const info = pkijs.ContentInfo.fromBER(der);
  if (info.contentType !== '1.2.840.113549.1.7.2') throw new Error('not CMS SignedData');
  return new pkijs.SignedData({ schema: info.content });
}

function signingTimeOf(signerInfo: pkijs.SignerInfo): Date | undefined {
  const attr = signerInfo.signedAttrs?.attributes.find((a) => a.type === '1.2.840.113549.1.9.5');
  const v = attr?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  return v ? v.toDate() : undefined;
}

async function checkTimestamp(signerInfo: pkijs.SignerInfo): Promise<CmsVerdict['timestamp']> {
  const attr = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OID_TIMESTAMP_TOKEN);
  if (!attr) return undefined;
  try {
    const token = new pkijs.SignedData({
      schema: pkijs.ContentInfo.fromBER(attr.values[0].toBER(false)).content,
    });
    const tst = pkijs.TSTInfo.fromBER(token.encapContentInfo.eContent?.getValue() ?? new ArrayBuffer(0));
    const res = await token.verify({
      signer: 0,
      data: signerInfo.signature.valueBlock.valueHexView.slice().buffer,
      extendedMode: true,
    });
    const ok = res.signatureVerified === true;
    return {
      ok,
      genTime: tst.genTime,
      detail: ok ? `timestamped ${tst.genTime.toISOString()}` : 'timestamp signature invalid',
    };
  } catch (e) {
    return { ok: false, detail: `timestamp invalid: ${(e as { message?: string }).message ?? String(e)}` };
  }
}

/** pkijs messages, reworded for an auditor reading one line per check. */
function friendly(message: string): string {
  const m = message.replace(/^Error during verification: /, '');
  if (/Message digest doesn't match/.test(m)) return 'message digest does not match the signed data';
  return m;
}

/** Never throws for a bad signature: the verdict says what failed, for one line of `verify` output. */
export async function verifyCmsDetached(
  p7s: Uint8Array,
  data: Uint8Array,
  anchors: Uint8Array[],
): Promise<CmsVerdict> {
  let signed: pkijs.SignedData;
  try {
    signed = parseSignedData(p7s);
  } catch (e) {
    return { signatureOk: false, trusted: false, detail: `not a CMS signature: ${(e as Error).message}` };
  }
  const signerInfo = signed.signerInfos[0];
  if (!signerInfo || signed.signerInfos.length !== 1) {
    return { signatureOk: false, trusted: false, detail: 'expected exactly one signer' };
  }
  const signingTime = signingTimeOf(signerInfo);
  const timestamp = await checkTimestamp(signerInfo);
  const buffer = data.slice().buffer;
  let verdict: CmsVerdict;
  let signerCert: pkijs.Certificate | undefined;
  try {
    const res = await signed.verify({ signer: 0, data: buffer, extendedMode: true });
    const cert = res.signerCertificate;
    signerCert = cert ?? undefined;
    const info = cert ? describeCertificate(certDer(cert)) : undefined;
    verdict = {
      signatureOk: res.signatureVerified === true,
      trusted: false,
      ...(info
        ? {
            signer: {
              subject: info.subject,
              fingerprintSha256: info.fingerprintSha256,
              selfSigned: info.selfSigned,
            },
          }
        : {}),
      ...(signingTime ? { signingTime } : {}),
      ...(timestamp ? { timestamp } : {}),
      detail: res.signatureVerified === true ? 'signature valid' : 'signature does not match the data',
    };
  } catch (e) {
    return {
      signatureOk: false,
      trusted: false,
      detail: friendly((e as { message?: string }).message ?? String(e)),
    };
  }
  if (verdict.signatureOk && timestamp && !timestamp.ok) {
    return { ...verdict, signatureOk: false, detail: timestamp.detail };
  }
  if (!verdict.signatureOk || !signerCert || anchors.length === 0) return verdict;
  const at = timestamp?.genTime ?? signingTime ?? new Date(0);
  const chain = await chainsToAnchor(signed, signerCert, anchors, at);
  verdict.trusted = chain.ok;
  if (!chain.ok)
    verdict.trustProblem = `${chain.reason ?? 'no path'}${at ? ` (checked at ${at.toISOString()})` : ''}`;
  return verdict;
}

function validAt(cert: pkijs.Certificate, at: Date): boolean {
  return cert.notBefore.value <= at && at <= cert.notAfter.value;
}

/**
 * Trust: the signer certificate is itself an anchor (a pinned self-signed key), or it chains through the
 * embedded certificates to one. Checked at the signing time (timestamp first), so bundles stay verifiable
 * after the certificate expires.
 */
async function chainsToAnchor(
  signed: pkijs.SignedData,
  signerCert: pkijs.Certificate,
  anchors: Uint8Array[],
  at: Date,
): Promise<{ ok: boolean; reason?: string }> {
  const signerDer = Buffer.from(certDer(signerCert));
  if (anchors.some((a) => signerDer.equals(Buffer.from(a)))) {
    return validAt(signerCert, at)
      ? { ok: true }
      : { ok: false, reason: 'certificate not valid at the signing time' };
  }
  let trustedCerts: pkijs.Certificate[];
  try {
    trustedCerts = anchors.map((a) => pkijs.Certificate.fromBER(a));
  } catch {
    return { ok: false, reason: 'a --ca certificate is not a valid X.509 certificate' };
  }
  const embedded = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const engine = new pkijs.CertificateChainValidationEngine({ certs: embedded, trustedCerts, checkDate: at });
  try {
    const res = await engine.verify();
    return res.result ? { ok: true } : { ok: false, reason: res.resultMessage };
  } catch (e) {
    return { ok: false, reason: (e as { resultMessage?: string }).resultMessage ?? String(e) };
  }
}
