// The connection column of every connlist format: netpol-analyzer's text, plus the L7 restriction when there is one.
import type { Connection } from '../../model/connectivity.js';

/** "TCP 80" or "TCP 80 (L7-restricted: HTTP on TCP 80)": a proxy decides what passes on those ports. */
export function connLabel(x: Pick<Connection, 'text' | 'l7'>): string {
  return x.l7 ? `${x.text} (L7-restricted: ${x.l7.protocols.join(', ')} on ${x.l7.text})` : x.text;
}
