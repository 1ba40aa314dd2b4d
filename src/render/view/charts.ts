// Inline SVG charts drawn from numbers (no scripts, no external requests); text labels carry the values.

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Horizontal bars, one per label, each with its count written beside it. */
export function severityBarChart(
  items: readonly { label: string; value: number }[],
  title = 'Findings by severity',
): string {
  const max = Math.max(1, ...items.map((i) => i.value));
  const rowH = 22;
  const width = 520;
  const bars = items
    .map((it, i) => {
      const w = Math.round((it.value / max) * 330);
      const y = 24 + i * rowH;
      return `<text x="0" y="${y + 14}" font-size="12">${esc(it.label)}</text><rect x="110" y="${y + 2}" width="${w}" height="16" fill="#4a4a4a"/><text x="${116 + w}" y="${y + 14}" font-size="12">${it.value}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${30 + items.length * rowH}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><text x="0" y="14" font-size="13" font-weight="bold">${esc(title)}</text>${bars}</svg>`;
}
