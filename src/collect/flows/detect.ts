// Format detection by content: the first record decides for the whole file (extensions are not trusted).
import type { FlowFormat } from '../../model/flows.js';
import { looksLikeCalico } from './calico.js';
import { GENERIC_FIELDS, csvCells, looksLikeGeneric } from './generic.js';
import { looksLikeHubble } from './hubble.js';
import { isObject } from './record.js';

/** The format of a file from its first non-empty line, or undefined when it is none we read. */
export function detectFormat(firstLine: string): FlowFormat | undefined {
  const t = firstLine.trim();
  if (t.startsWith('{')) {
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      return undefined;
    }
    if (!isObject(o)) return undefined;
    if (looksLikeHubble(o)) return 'hubble';
    if (looksLikeCalico(o)) return 'calico';
    if (looksLikeGeneric(o)) return 'generic-json';
    return undefined;
  }
  const cells = csvCells(t);
  if (cells && cells.includes('verdict') && cells.includes('protocol')) {
    const known = new Set<string>(GENERIC_FIELDS);
    if (cells.every((c) => known.has(c))) return 'generic-csv';
  }
  return undefined;
}
