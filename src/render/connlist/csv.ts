// Connlist as RFC 4180 CSV: the connections text holds commas, so such fields are quoted.
import type { Connectivity } from '../../model/connectivity.js';
import { csvField as field } from '../json/csv.js';
import { connLabel } from './label.js';

export function formatConnlistCsv(c: Connectivity): string {
  const rows = [['src', 'dst', 'conn'], ...c.connections.map((x) => [x.src, x.dst, connLabel(x)])];
  return rows.map((r) => `${r.map(field).join(',')}\r\n`).join('');
}
