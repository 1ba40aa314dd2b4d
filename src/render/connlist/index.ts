// One formatter per output format; each is a pure function from Connectivity to text.
import type { Connectivity } from '../../model/connectivity.js';
import { formatConnlistCsv } from './csv.js';
import { formatConnlistDot } from './dot.js';
import { formatConnlistJson } from './json.js';
import { formatConnlistMd } from './md.js';
import { formatConnlistTxt } from './txt.js';

export const CONNLIST_FORMATS = ['txt', 'json', 'csv', 'md', 'dot'] as const;
export type ConnlistFormat = (typeof CONNLIST_FORMATS)[number];

export function formatConnlist(c: Connectivity, format: ConnlistFormat): string {
  switch (format) {
    case 'txt':
      return formatConnlistTxt(c);
    case 'json':
      return formatConnlistJson(c);
    case 'csv':
      return formatConnlistCsv(c);
    case 'md':
      return formatConnlistMd(c);
    case 'dot':
      return formatConnlistDot(c);
  }
}

export { formatConnlistCsv, formatConnlistDot, formatConnlistJson, formatConnlistMd, formatConnlistTxt };
