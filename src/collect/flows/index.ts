// Flow logs -> FlowObservations: every file given (folders walked in name order), streamed and aggregated.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../model/errors.js';
import type { FlowObservations, FlowSource } from '../../model/flows.js';
import { FlowAggregator } from './aggregate.js';
import { readFlowFile } from './read-file.js';

export { FlowAggregator } from './aggregate.js';
export { detectFormat } from './detect.js';

/** Files under the working folder are named relative to it (stable in evidence), others as given. */
function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Regular files under a path: itself, or a folder's files (recursively, hidden ones skipped, sorted). */
async function filesOf(p: string): Promise<string[]> {
  let s;
  try {
    s = await stat(p);
  } catch {
    throw new InputError([{ file: p, message: 'flow file or folder does not exist' }]);
  }
  if (s.isFile()) return [p];
  if (!s.isDirectory()) throw new InputError([{ file: p, message: 'is neither a file nor a folder' }]);
  const out: string[] = [];
  const names = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
  for (const n of names) out.push(...(await filesOf(path.join(p, n))));
  if (out.length === 0) throw new InputError([{ file: p, message: 'folder holds no flow file' }]);
  return out;
}

/** Several sources as one: their aggregates side by side (the comparison merges equal paths). */
export function mergeObservations(parts: readonly FlowObservations[]): FlowObservations {
  return {
    sources: parts.flatMap((p) => p.sources),
    aggregates: parts.flatMap((p) => p.aggregates),
    records: parts.reduce((n, p) => n + p.records, 0),
    malformed: parts.reduce((n, p) => n + p.malformed, 0),
    otherEvents: parts.reduce((n, p) => n + p.otherEvents, 0),
    warnings: parts.flatMap((p) => p.warnings),
  };
}

/** Reads every flow file; a file with no valid record is an input error (exit 2), malformed lines are warnings. */
export async function readFlowFiles(paths: readonly string[]): Promise<FlowObservations> {
  const agg = new FlowAggregator();
  const sources: FlowSource[] = [];
  const warnings: string[] = [];
  let records = 0;
  let malformed = 0;
  let otherEvents = 0;
  const files = [...new Set((await Promise.all(paths.map(filesOf))).flat().map(display))];
  for (const f of files) {
    const r = await readFlowFile(f, agg);
    sources.push(r.source);
    warnings.push(...r.warnings);
    records += r.source.records;
    malformed += r.source.malformed;
    otherEvents += r.otherEvents;
  }
  return { sources, aggregates: agg.result(), records, malformed, otherEvents, warnings };
}
