// The impact as text (the diff's layout, sides named by ref or folder) and as JSON.
import { formatDiffText } from '../../diff/format-text.js';
import type { Impact } from '../../impact/impact.js';

export function formatImpactText(i: Impact): string {
  const gate = i.gate
    ? i.gate.failing.length > 0
      ? `Gate: FAIL, ${i.gate.failing.length} opened finding(s) at or above ${i.gate.failOn}: ${i.gate.failing.join(', ')}`
      : `Gate: pass, no opened finding at or above ${i.gate.failOn}`
    : undefined;
  const vendors = i.vendorsNewlyReachable.length
    ? `Vendors newly reachable: ${i.vendorsNewlyReachable.join(', ')}`
    : 'Vendors newly reachable: none';
  return `${formatDiffText(i.diff).replace(/\n$/, '')}\n\n${vendors}\n${gate ? `${gate}\n` : ''}`;
}

export function formatImpactJson(i: Impact): string {
  return `${JSON.stringify(i, null, 2)}\n`;
}
