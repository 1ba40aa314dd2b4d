// manifest.json is untrusted input to verify and to the next run: its shape is checked before any use, so a
// damaged or hand-written manifest is a failed check (exit 5) or a passed-over bundle, never a crash.
import type { BundleManifest } from './types.js';

/** Why a parsed manifest.json is not one this tool wrote, or undefined when its shape is right. */
function manifestShapeProblem(m: unknown): string | undefined {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'not a JSON object';
  const o = m as Record<string, unknown>;
  if (o.schemaVersion !== 1) return 'not a schemaVersion 1 manifest';
  if (typeof o.bundleId !== 'string' || typeof o.createdAt !== 'string') return 'no bundleId or createdAt';
  if (!Array.isArray(o.files)) return 'no files list';
  const bad = o.files.findIndex((f: unknown) => {
    const e = f as Record<string, unknown> | null;
    return (
      !e ||
      typeof e.path !== 'string' ||
      typeof e.sha256 !== 'string' ||
      typeof e.bytes !== 'number' ||
      !Number.isSafeInteger(e.bytes)
    );
  });
  if (bad >= 0) return `files[${bad}] is not {path, sha256, bytes}`;
  const p = o.previous as Record<string, unknown> | null | undefined;
  if (p !== null && (!p || typeof p.bundleId !== 'string' || typeof p.manifestSha256 !== 'string'))
    return 'previous is neither null nor {bundleId, manifestSha256}';
  return undefined;
}

/** Parses manifest.json far enough to verify it; a bad manifest is a failed check, not a crash. */
export function parseManifest(bytes: Uint8Array): BundleManifest | string {
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  return manifestShapeProblem(m) ?? (m as BundleManifest);
}
