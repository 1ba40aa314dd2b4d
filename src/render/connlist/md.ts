// Connlist as a Markdown table (pipes in names are escaped so the table stays well-formed).
import type { Connectivity } from '../../model/connectivity.js';
import { connLabel } from './label.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function formatConnlistMd(c: Connectivity): string {
  const lines = ['| src | dst | conn |', '|-----|-----|------|'];
  for (const x of c.connections) lines.push(`| ${cell(x.src)} | ${cell(x.dst)} | ${cell(connLabel(x))} |`);
  return `${lines.join('\n')}\n`;
}
