// Deterministic RFC 4122 version-5 UUIDs (SHA-1 of a namespace and a name): the same input gives the same
// OSCAL document byte for byte, and the same Kubernetes object keeps its UUID across reports.
import { createHash } from 'node:crypto';

function bytesOf(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function format(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function v5(namespaceBytes: Buffer, name: string): string {
  const digest = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  const b = digest.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return format(b);
}

/** RFC 4122 section 4.3: name-based UUID with SHA-1 (version 5, variant 10xx). */
export function uuidV5(namespace: string, name: string): string {
  return v5(bytesOf(namespace), name);
}

/** RFC 4122 appendix C: the URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** Our own namespace, derived once from the project's name in the URL namespace. */
export const NPE_NAMESPACE = uuidV5(URL_NAMESPACE, 'urn:netpol-evidence');
const NPE_BYTES = bytesOf(NPE_NAMESPACE);

/** A UUID for one stable name ("observation/<report>/<finding>") inside our namespace. */
export function stableUuid(name: string): string {
  return v5(NPE_BYTES, name);
}
