// Namespace-to-namespace heat map of allowed connections (SVG) and the same numbers as a table.
import type { NamespacePair } from '../../model/connectivity.js';
import { num } from './format.js';
import type { Table } from './view-types.js';

/** "ns/name[Kind]" -> "ns"; IP blocks -> "(outside)"; the ingress controller -> "(ingress)". */
export function namespaceOf(peer: string): string {
  if (peer === '{ingress-controller}') return '(ingress)';
  if (peer.endsWith('[External]')) return '(outside)';
  const slash = peer.indexOf('/');
  return slash < 0 ? peer : peer.slice(0, slash);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const MATRIX_LIMIT = 40;

export function namespaceMatrix(
  pairs: readonly NamespacePair[],
  tableLimit: number,
): { svg: string; table: Table } {
  const counts = new Map<string, number>();
  const names = new Set<string>();
  for (const p of pairs) {
    names.add(p.src);
    names.add(p.dst);
    counts.set(`${p.src}\u0000${p.dst}`, p.workloadPairs);
  }
  const all = [...names].sort();
  const shown = all.slice(0, MATRIX_LIMIT);
  const max = Math.max(1, ...counts.values());
  const cell = 26;
  const left = 110;
  const top = 110;
  const rects: string[] = [];
  shown.forEach((src, i) =>
    shown.forEach((dst, j) => {
      const n = counts.get(`${src}\u0000${dst}`) ?? 0;
      const shade = n === 0 ? 255 : Math.round(225 - (n / max) * 170);
      const x = left + j * cell;
      const y = top + i * cell;
      rects.push(
        `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="rgb(${shade},${shade},${shade})" stroke="#999"/>`,
      );
      if (n > 0)
        rects.push(
          `<text x="${x + cell / 2}" y="${y + 17}" font-size="10" text-anchor="middle" fill="${shade < 140 ? '#fff' : '#000'}">${n}</text>`,
        );
    }),
  );
  const labels = shown
    .map(
      (n, i) =>
        `<text x="${left - 6}" y="${top + i * cell + 17}" font-size="10" text-anchor="end">${esc(n)}</text><text transform="translate(${left + i * cell + 17},${top - 6}) rotate(-60)" font-size="10">${esc(n)}</text>`,
    )
    .join('');
  const w = left + shown.length * cell + 10;
  const h = top + shown.length * cell + 10;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="Namespace to namespace connections"><title>Allowed connections from row namespace to column namespace</title>${labels}${rects.join('')}</svg>`;
  const rows = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => {
      const [s, d] = k.split('\u0000');
      return [{ text: s ?? '' }, { text: d ?? '' }, { text: num(n) }];
    });
  const notes = [
    ...(rows.length > tableLimit
      ? [
          `Showing ${tableLimit} of ${num(rows.length)} namespace pairs; all are in evidence.json (connectivity.namespacePairs).`,
        ]
      : []),
    ...(all.length > MATRIX_LIMIT
      ? [`The heat map shows the first ${MATRIX_LIMIT} of ${all.length} namespaces.`]
      : []),
  ];
  return {
    svg,
    table: {
      caption: 'Namespace pairs with allowed connections',
      columns: ['From', 'To', 'Workload pairs'],
      rows: rows.slice(0, tableLimit),
      empty: 'No connection between workloads is allowed.',
      ...(notes.length ? { note: notes.join(' ') } : {}),
    },
  };
}
