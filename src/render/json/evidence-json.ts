// evidence.json text: stable key order as built, two-space indent, trailing newline.
import type { Evidence } from '../../model/evidence.js';

export function renderEvidenceJson(e: Evidence): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}
