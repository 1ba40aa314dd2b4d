// The tool's name and version, read once from package.json (recorded in every bundle).
import { readFileSync } from 'node:fs';

const pkgUrl = new URL('../../package.json', import.meta.url);
const fallbackUrl = new URL('../package.json', import.meta.url);

function readPackage(): { name: string; version: string } {
  for (const u of [pkgUrl, fallbackUrl]) {
    try {
      const p = JSON.parse(readFileSync(u, 'utf8')) as { name?: string; version?: string };
      if (p.name === 'netpol-evidence' && p.version) return { name: p.name, version: p.version };
    } catch {
      // try the next location (src/ under ts-jest, dist/src/ when built)
    }
  }
  return { name: 'netpol-evidence', version: '0.0.0' };
}

export const TOOL = readPackage();

/** The package's root folder (holds templates/, controls/, examples/). */
export const PACKAGE_ROOT = ((): string => {
  for (const u of [pkgUrl, fallbackUrl]) {
    try {
      readFileSync(u);
      return new URL('.', u).pathname;
    } catch {
      // next
    }
  }
  return process.cwd();
})();
