// What changed since the previous bundle, in counts: the executive summary's "since last time" sentence.
import type { Evidence, SincePrevious } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import { diffControls, diffFindings } from './compliance.js';
import { evidencePart, readControls } from './sections.js';

/** Findings of an older evidence.json, kept only when they have the fields the comparison reads. */
function readFindings(list: unknown): Finding[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (f): f is Finding =>
      typeof f === 'object' &&
      f !== null &&
      typeof (f as Finding).id === 'string' &&
      typeof (f as Finding).severity === 'string' &&
      typeof (f as Finding).resource === 'object',
  );
}

/** Counts of findings opened, closed and re-rated, and controls whose status changed, from `before` to `after`. */
export function sincePrevious(
  before: object,
  after: Evidence,
  link: { bundleId: string; generatedAt: string },
): SincePrevious {
  const findings = diffFindings(readFindings(evidencePart(before, 'findings')), after.findings);
  const controls = diffControls(readControls(evidencePart(before, 'controls')), readControls(after.controls));
  const count = (c: string): number => findings.filter((f) => f.change === c).length;
  return {
    compared: true,
    bundleId: link.bundleId,
    generatedAt: link.generatedAt,
    findingsOpened: count('opened'),
    findingsClosed: count('closed'),
    findingsChanged: count('severity') + count('exception'),
    controlsChanged: controls.length,
  };
}
