// netpol-analyzer's connlist JSON: an array of {src, dst, conn}, in the list's order.
import type { Connectivity } from '../../model/connectivity.js';

export function formatConnlistJson(c: Connectivity): string {
  return `${JSON.stringify(
    c.connections.map((x) => ({ src: x.src, dst: x.dst, conn: x.text, ...(x.l7 ? { l7: x.l7 } : {}) })),
    null,
    2,
  )}\n`;
}
