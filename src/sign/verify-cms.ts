// Verifies a detached CMS signature (manifest.json.p7s, a PDF's /Contents): the signature over exactly the
// bytes given, the signer's certificate path to a trust anchor, and an RFC 3161 timestamp on it.
import { pathToAnchor } from './cert-path.js';
import { checkSigner, OID_DATA, parseSignedData } from './cms-signer.js';
import { describeCertificate } from './pki.js';
import { timestampOf, type TimestampVerdict } from './verify-timestamp.js';

/** What the auditor trusts: the signer's anchors, the TSA's anchors (--tsa-ca), and whether a timestamp is required. */
export interface CmsTrust {
  anchors: readonly Uint8Array[];
  /** undefined when no --tsa-ca was given: timestamps are then shown, never used for trust. */
  tsaAnchors?: readonly Uint8Array[];
  /** --require-timestamp: the signer-asserted signing time is not accepted for the validity check. */
  requireTimestamp?: boolean;
}

export interface CmsVerdict {
  /** The signature over the data is intact (says nothing about trust). */
  signatureOk: boolean;
  /** The signer chains to one of the anchors (false when no anchor was given). */
  trusted: boolean;
  signer?: { subject: string; fingerprintSha256: string; selfSigned: boolean };
  signingTime?: Date;
  timestamp?: TimestampVerdict;
  /** Why the signer does not chain to an anchor, when it does not. */
  trustProblem?: string;
  detail: string;
}

const broken = (detail: string): CmsVerdict => ({ signatureOk: false, trusted: false, detail });

/** Never throws for a bad signature: the verdict says what failed, for one line of `verify` output. */
export async function verifyCmsDetached(
  p7s: Uint8Array,
  data: Uint8Array,
  trustOrAnchors: CmsTrust | readonly Uint8Array[],
): Promise<CmsVerdict> {
  const trust: CmsTrust = Array.isArray(trustOrAnchors)
    ? { anchors: trustOrAnchors as readonly Uint8Array[] }
    : (trustOrAnchors as CmsTrust);
  let signed;
  try {
    signed = parseSignedData(p7s);
  } catch (e) {
    return broken(`not a CMS signature: ${(e as Error).message}`);
  }
  // pkijs (and some other verifiers) check embedded content instead of the file: never accept it here.
  if (signed.encapContentInfo.eContent)
    return broken(
      'the signature embeds its own content (eContent) where a detached signature over the file is expected',
    );
  const signer = checkSigner(signed, data, OID_DATA);
  if (!signer.ok) return broken(signer.detail);
  const info = describeCertificate(signer.signerDer);
  const timestamp = timestampOf(signer.signerInfo, trust.tsaAnchors);
  if (timestamp?.status === 'invalid') return broken(timestamp.detail);
  const verdict: CmsVerdict = {
    signatureOk: true,
    trusted: false,
    signer: { subject: info.subject, fingerprintSha256: info.fingerprintSha256, selfSigned: info.selfSigned },
    ...(signer.signingTime ? { signingTime: signer.signingTime } : {}),
    ...(timestamp ? { timestamp } : {}),
    detail: 'signature valid',
  };
  if (trust.anchors.length === 0) return verdict;
  const at =
    timestamp?.status === 'verified'
      ? timestamp.genTime
      : trust.requireTimestamp
        ? undefined
        : signer.signingTime;
  if (!at) {
    verdict.trustProblem = trust.requireTimestamp
      ? 'no timestamp verified against --tsa-ca (required by --require-timestamp)'
      : 'no signing time to check the certificate at';
    return verdict;
  }
  const path = pathToAnchor(signer.signerDer, signer.otherCerts, trust.anchors, at, 'document-signing');
  verdict.trusted = path.ok;
  if (!path.ok) verdict.trustProblem = `${path.reason} (checked at ${at.toISOString()})`;
  return verdict;
}
