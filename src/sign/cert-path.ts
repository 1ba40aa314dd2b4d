// Certification path from exactly the signer's certificate to a trust anchor (RFC 5280 section 6, the parts
// a document signature needs): names and signatures link each step, every certificate is valid at the
// signing time, issuers are CAs within their path length, the signer's key usage fits its purpose, and an
// unknown critical extension stops the path. Revocation is not checked.
import { X509Certificate } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** What the end-entity key is for: signing bundles and PDFs, or RFC 3161 timestamps. */
export type Purpose = 'document-signing' | 'timestamping';

const KU = '2.5.29.15';
const EKU = '2.5.29.37';
const BASIC = '2.5.29.19';
/** Extensions whose criticality we honour (or that carry no constraint on this use). */
const UNDERSTOOD = new Set([KU, EKU, BASIC, '2.5.29.14', '2.5.29.35', '2.5.29.17', '2.5.29.18', '2.5.29.32']);
/** Extended key usages that allow signing documents: any, e-mail protection (S/MIME, what openssl cms
 * checks by default), RFC 9336 document signing, Microsoft document signing, Adobe authentic documents. */
const SIGNING_EKUS = new Set([
  '2.5.29.37.0',
  '1.3.6.1.5.5.7.3.4',
  '1.3.6.1.5.5.7.3.36',
  '1.3.6.1.4.1.311.10.3.12',
  '1.2.840.113583.1.1.5',
]);
const EKU_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
const MAX_DEPTH = 8;

interface Cert {
  der: Uint8Array;
  x: X509Certificate;
  p: pkijs.Certificate;
}

function load(der: Uint8Array): Cert {
  return { der, x: new X509Certificate(Buffer.from(der)), p: pkijs.Certificate.fromBER(der) };
}

const ext = (c: Cert, id: string): pkijs.Extension | undefined =>
  c.p.extensions?.find((e) => e.extnID === id);

const sameDer = (a: Cert, b: Cert): boolean => Buffer.from(a.der).equals(Buffer.from(b.der));

function label(c: Cert): string {
  return c.x.subject.split('\n').join(', ');
}

/** Key usage bits as a set of names (undefined when the extension is absent). */
function keyUsage(c: Cert): Set<string> | undefined {
  const e = ext(c, KU);
  if (!e) return undefined;
  const bits = new Uint8Array((e.parsedValue as asn1js.BitString).valueBlock.valueHexView);
  const names = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment'];
  const out = new Set<string>();
  names.forEach((n, i) => {
    if (((bits[0] ?? 0) >> (7 - i)) & 1) out.add(n);
  });
  if (((bits[0] ?? 0) >> 2) & 1) out.add('keyCertSign');
  return out;
}

function extendedKeyUsage(c: Cert): string[] | undefined {
  const e = ext(c, EKU);
  return e ? (e.parsedValue as pkijs.ExtKeyUsage).keyPurposes : undefined;
}

/** Why the end-entity certificate may not be used for `purpose`, or undefined when it may. */
function usageProblem(c: Cert, purpose: Purpose): string | undefined {
  const ku = keyUsage(c);
  if (ku && !ku.has('digitalSignature') && !ku.has('nonRepudiation'))
    return `${label(c)}: key usage does not allow digital signatures`;
  const eku = extendedKeyUsage(c);
  if (purpose === 'timestamping') {
    if (!eku || eku.length !== 1 || eku[0] !== EKU_TIMESTAMPING || !ext(c, EKU)?.critical)
      return `${label(c)}: not a time-stamping certificate (RFC 3161 needs the one critical extended key usage timeStamping)`;
    return undefined;
  }
  if (eku && !eku.some((u) => SIGNING_EKUS.has(u)))
    return `${label(c)}: extended key usage (${eku.join(', ')}) does not allow signing documents`;
  return undefined;
}

function criticalProblem(c: Cert): string | undefined {
  const unknown = (c.p.extensions ?? []).find((e) => e.critical && !UNDERSTOOD.has(e.extnID));
  return unknown ? `${label(c)}: unsupported critical extension ${unknown.extnID}` : undefined;
}

function validAt(c: Cert, at: Date): boolean {
  return c.p.notBefore.value <= at && at <= c.p.notAfter.value;
}

/** An issuer must be a CA (basic constraints) allowed to sign certificates, within its path length. */
function issuerProblem(issuer: Cert, below: number): string | undefined {
  const bc = ext(issuer, BASIC)?.parsedValue as pkijs.BasicConstraints | undefined;
  if (!bc?.cA) return `${label(issuer)} is not a CA certificate`;
  const ku = keyUsage(issuer);
  if (ku && !ku.has('keyCertSign')) return `${label(issuer)}: key usage does not allow signing certificates`;
  const max = bc.pathLenConstraint;
  if (typeof max === 'number' && below > max) return `${label(issuer)}: path length constraint exceeded`;
  return undefined;
}

function issues(issuer: Cert, child: Cert): boolean {
  return child.x.checkIssued(issuer.x) && child.x.verify(issuer.x.publicKey);
}

type Step = { ok: true; path: string[] } | { ok: false; reason: string };

function extend(chain: Cert[], pool: Cert[], anchors: Cert[], at: Date): Step {
  const current = chain[chain.length - 1] as Cert;
  if (!validAt(current, at))
    return {
      ok: false,
      reason: `${chain.length > 1 ? `${label(current)}: ` : ''}certificate not valid at the signing time`,
    };
  const critical = criticalProblem(current);
  if (critical) return { ok: false, reason: critical };
  if (anchors.some((a) => sameDer(a, current))) return { ok: true, path: chain.map(label) };
  if (chain.length > MAX_DEPTH) return { ok: false, reason: 'certificate path too long' };
  let last: string | undefined;
  for (const candidate of [...anchors, ...pool]) {
    if (chain.some((c) => sameDer(c, candidate)) || !issues(candidate, current)) continue;
    const problem = issuerProblem(candidate, chain.length - 1);
    if (problem) {
      last = problem;
      continue;
    }
    const next = extend([...chain, candidate], pool, anchors, at);
    if (next.ok) return next;
    last = next.reason;
  }
  return {
    ok: false,
    reason: last ?? `no issuer of ${label(current)} among the signature's certificates and the trust anchors`,
  };
}

/**
 * A path from `signerDer` (and only it) through `pool` to one of `anchors`, every certificate valid at `at`.
 * An anchor may be the signer itself (a pinned self-signed key) or any CA certificate on the way.
 */
export function pathToAnchor(
  signerDer: Uint8Array,
  pool: readonly Uint8Array[],
  anchorDers: readonly Uint8Array[],
  at: Date,
  purpose: Purpose,
): Step {
  let signer: Cert;
  let anchors: Cert[];
  let others: Cert[];
  try {
    signer = load(signerDer);
    anchors = anchorDers.map(load);
    others = pool.map(load);
  } catch {
    return { ok: false, reason: 'a certificate (in the signature or the anchor file) cannot be read' };
  }
  const usage = usageProblem(signer, purpose);
  if (usage) return { ok: false, reason: usage };
  return extend([signer], others, anchors, at);
}
