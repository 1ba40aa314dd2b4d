// Streams one flow file line by line (gzip detected by its magic bytes), hashing the bytes as read.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../model/errors.js';
import type { FlowFormat, FlowSource } from '../../model/flows.js';
import type { FlowAggregator } from './aggregate.js';
import { parseCalico } from './calico.js';
import { detectFormat } from './detect.js';
import { csvCells, parseGeneric } from './generic.js';
import { parseHubble } from './hubble.js';
import { isObject, type JsonObject, type ParsedRecord } from './record.js';

/** At most this many malformed records are named per file; the rest are counted. */
export const MAX_NAMED_MALFORMED = 20;

export interface FileResult {
  readonly source: FlowSource & { type: 'file' };
  readonly flows: number;
  readonly otherEvents: number;
  readonly warnings: readonly string[];
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

function parseJsonLine(line: string, parse: (o: JsonObject) => ParsedRecord): ParsedRecord {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch (e) {
    return { kind: 'error', message: `not JSON (${(e as Error).message})` };
  }
  return isObject(o) ? parse(o) : { kind: 'error', message: 'not a JSON object' };
}

function lineParser(format: FlowFormat, header: readonly string[]): (line: string) => ParsedRecord {
  switch (format) {
    case 'hubble':
      return (l) => parseJsonLine(l, parseHubble);
    case 'calico':
      return (l) => parseJsonLine(l, parseCalico);
    case 'generic-json':
      return (l) => parseJsonLine(l, parseGeneric);
    case 'generic-csv':
      return (l) => {
        const cells = csvCells(l);
        if (!cells) return { kind: 'error', message: 'not a CSV row (unbalanced quotes)' };
        if (cells.length !== header.length)
          return { kind: 'error', message: `has ${cells.length} cells, the header has ${header.length}` };
        const o: Record<string, string> = {};
        header.forEach((h, i) => (o[h] = cells[i] as string));
        return parseGeneric(o);
      };
  }
}

/** Reads one file into the aggregator; a file with no valid flow record is an input error. */
export async function readFlowFile(file: string, agg: FlowAggregator): Promise<FileResult> {
  const hash = createHash('sha256');
  const gzip = await isGzip(file);
  // Created after every await: a stream flowing before readline listens would lose its first chunks.
  const raw = createReadStream(file);
  raw.on('data', (chunk) => hash.update(chunk));
  const text = gzip ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let format: FlowFormat | undefined;
  let parse: ((line: string) => ParsedRecord) | undefined;
  let n = 0;
  let records = 0;
  let flows = 0;
  let other = 0;
  let malformed = 0;
  const warnings: string[] = [];
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      if (!parse) {
        format = detectFormat(line);
        if (!format)
          throw new InputError([
            { file, line: n, message: 'is not a Hubble, Calico or generic flow record (see docs/flows.md)' },
          ]);
        if (format === 'generic-csv') {
          parse = lineParser(format, csvCells(line.trim()) ?? []);
          continue;
        }
        parse = lineParser(format, []);
      }
      records++;
      const r = parse(line);
      if (r.kind === 'flow') {
        flows++;
        agg.add(r.flow);
      } else if (r.kind === 'other') other++;
      else {
        malformed++;
        if (malformed <= MAX_NAMED_MALFORMED)
          warnings.push(`${file}:${n}: malformed flow record: ${r.message}`);
      }
    }
  } catch (e) {
    raw.destroy();
    if (e instanceof InputError) throw e;
    throw new InputError([{ file, message: `cannot be read: ${(e as Error).message}` }]);
  }
  if (malformed > MAX_NAMED_MALFORMED)
    warnings.push(`${file}: ${malformed - MAX_NAMED_MALFORMED} more malformed flow records not named`);
  if (!format || flows + other === 0)
    throw new InputError([
      {
        file,
        message: format
          ? `has no valid flow record (${malformed} malformed; the first: ${warnings[0] ?? 'none'})`
          : 'is empty: no flow record',
      },
    ]);
  return {
    source: { type: 'file', path: file, format, sha256: hash.digest('hex'), records, malformed },
    flows,
    otherEvents: other,
    warnings,
  };
}
