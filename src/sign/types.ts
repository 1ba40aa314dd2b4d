// The seams of signing: who signs (SignerInfo), how (Signer), what a bundle lists, what verify found.

/** What a report says about its signer, so a reader sees plainly whether it is self-signed or a demo key. */
export interface SignerInfo {
  subject: string;
  issuer: string;
  selfSigned: boolean;
  demo: boolean;
  algorithm: 'RSA' | 'ECDSA-P256';
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

/** A key that makes detached CMS signatures (the key material never leaves the implementation). */
export interface Signer {
  info: SignerInfo;
  signDetached(data: Uint8Array, opts: { signingTime: Date; tsaUrl?: string }): Promise<Uint8Array>;
}

/** manifest.json: every file of a bundle plus the link to the previous bundle (a hash chain of runs). */
export interface BundleManifest {
  schemaVersion: 1;
  bundleId: string;
  createdAt: string;
  toolVersion: string;
  source: { type: string; name: string };
  snapshotSha256: string;
  files: { path: string; sha256: string; bytes: number }[];
  previous: { bundleId: string; manifestSha256: string } | null;
  /** Newer bundles than `previous` that the run would not link to (damaged or unverifiable), newest first. */
  skippedPrevious?: SkippedBundle[];
}

/** A bundle of the cluster folder the chain passed over, and why. */
export interface SkippedBundle {
  bundle: string;
  /** SHA-256 of its manifest.json as found ('' when it could not be read). */
  manifestSha256: string;
  reason: string;
}

/** One line per check, so an auditor sees what was checked and what failed. */
export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
}

/** Marker in a certificate subject that says the key was made by `keys create --demo`. */
export const DEMO_MARKER = 'netpol-evidence DEMO KEY';
