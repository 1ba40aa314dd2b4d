// netpol-analyzer's connlist text: one "src => dst : conns" line per allowed pair, already sorted.
import type { Connectivity } from '../../model/connectivity.js';
import { connLabel } from './label.js';

export function formatConnlistTxt(c: Connectivity): string {
  return c.connections.map((x) => `${x.src} => ${x.dst} : ${connLabel(x)}\n`).join('');
}
