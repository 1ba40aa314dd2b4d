// The netpol-analyzer corpus lives outside the repository (CI keeps it in ../shared), so a fresh clone
// must still pass its tests: the suites that read it run only when it is found. Jest's global setup
// imports this file too, and loads it without the module mapping, so it imports nothing of ours.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the corpus is looked for, first match wins. */
export function corpusCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env['NETPOL_CONFORMANCE_DIR'];
  return [
    ...(fromEnv !== undefined && fromEnv !== '' ? [path.resolve(fromEnv)] : []),
    path.resolve(repoRoot, '..', 'shared', 'conformance', 'netpol-analyzer'),
  ];
}

/** The corpus' `cases` folder, or undefined when no candidate holds one. */
export function findConformanceCases(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of corpusCandidates(env)) {
    const cases = path.join(dir, 'cases');
    if (existsSync(cases)) return cases;
  }
  return undefined;
}

/** The one line printed (once per run, by jest's global setup) when the corpus is absent. */
export const corpusMissingLine =
  'netpol-analyzer conformance corpus not found, 2 suites skipped: to run them, set NETPOL_CONFORMANCE_DIR ' +
  'to the corpus folder (the one holding cases/) or put it at ../shared/conformance/netpol-analyzer ' +
  '(README, section Development, says where to get it).';

/** Jest's global setup: says once, on one line, that the conformance suites are skipped and how to run them. */
export default function globalSetup(): void {
  if (findConformanceCases() === undefined) process.stderr.write(`\n${corpusMissingLine}\n`);
}

/** `describe` when the corpus is there; otherwise one skipped test whose name says how to get it. */
export function describeWithCorpus(name: string, fn: (cases: string) => void): void {
  const cases = findConformanceCases();
  if (cases === undefined) describe.skip(name, () => it.skip(corpusMissingLine, () => undefined));
  else describe(name, () => fn(cases));
}
