// The --git-path globs: git pathspecs for the log, and the same matching for trees read from Git.
import { minimatch } from 'minimatch';

/** `:(glob)` pathspecs: `**` crosses folders, `*` does not (gitglossary(7), "glob" magic). */
export function pathspecs(globs: readonly string[]): string[] {
  return globs.map((g) => `:(glob)${normalise(g)}`);
}

function normalise(glob: string): string {
  return glob.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** True when `file` (repository-relative) matches `glob` or lies under a folder that matches it. */
export function matchesGlob(file: string, glob: string): boolean {
  const g = normalise(glob);
  if (g === '' || g === '.') return true;
  const parts = file.split('/');
  for (let n = parts.length; n >= 1; n--) {
    if (minimatch(parts.slice(0, n).join('/'), g, { dot: true })) return true;
  }
  return false;
}

export function matchesAny(file: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(file, g));
}
