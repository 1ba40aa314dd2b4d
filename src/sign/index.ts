// The signing area's public face: the report pipeline and the CLI import only from here.
export type { BundleManifest, Signer, SignerInfo, VerifyCheck, VerifyReport } from './types.js';
export { DEMO_MARKER } from './types.js';
export { loadSigner, type LoadSignerOptions } from './load-signer.js';
export { createKeyPair, type CreateKeyOptions } from './create-keys.js';
export { signPdf, type SignPdfOptions } from './pdf-sign.js';
export { buildManifest, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, serializeManifest } from './manifest.js';
export { chooseChainLink, findPreviousBundle, type ChainLinkChoice } from './previous-bundle.js';
export { parseManifest } from './parse-manifest.js';
export { readRunHistory } from './run-history.js';
export { verifyBundle, type VerifyOptions } from './verify-bundle.js';
