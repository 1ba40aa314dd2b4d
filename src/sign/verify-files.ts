// Every file a manifest lists is there with its digest and size, and no file was added.
import path from 'node:path';
import { digestFile, listBundleFiles } from './manifest.js';
import type { BundleManifest, VerifyCheck } from './types.js';

export async function fileChecks(dir: string, m: BundleManifest): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const present = new Set(await listBundleFiles(dir));
  for (const f of m.files) {
    const name = `file ${f.path}`;
    if (!present.has(f.path)) {
      checks.push({ name, ok: false, detail: 'missing (listed in the manifest, removed from the bundle)' });
      continue;
    }
    // A FIFO, device or symlink in a listed file's place is refused without being opened for a blocking read.
    const actual = await digestFile(path.join(dir, f.path)).catch((e: Error) => e);
    if (actual instanceof Error)
      checks.push({ name, ok: false, detail: `cannot be checked: ${actual.message}` });
    else if (actual.sha256 !== f.sha256) checks.push({ name, ok: false, detail: 'sha256 differs' });
    else if (actual.bytes !== f.bytes)
      checks.push({ name, ok: false, detail: `size ${actual.bytes} != ${f.bytes}` });
    else checks.push({ name, ok: true, detail: `sha256 ${f.sha256.slice(0, 16)}…, ${f.bytes} bytes` });
  }
  const listed = new Set(m.files.map((f) => f.path));
  for (const p of present) {
    if (!listed.has(p)) checks.push({ name: `file ${p}`, ok: false, detail: 'not in the manifest (added)' });
  }
  return checks;
}
