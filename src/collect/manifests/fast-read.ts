// Fast manifest reading: JSON through JSON.parse, YAML through js-yaml's core schema, and only the lines a
// snapshot keeps (where each document and each List item starts), found by a scan of the text. Anything
// the scan is not sure of returns undefined, and the located parser (load-manifests.ts) reads the file.
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { SnapshotBuilder } from '../objects/builder.js';
import { convertObject } from '../objects/convert.js';
import { isRecord, type Raw } from '../objects/raw.js';

/** Kinds of the items of a `XxxList` whose items may leave out `kind`. */
export function itemKind(listKind: string): string | undefined {
  return listKind.endsWith('List') && listKind !== 'List' ? listKind.slice(0, -'List'.length) : undefined;
}

/**
 * Reads a well-formed file without source positions beyond document and item starts. False (and `b`
 * untouched) when the file has anything to report: the located parser then reads it and names each line.
 */
export function readManifestFast(text: string, file: string, b: SnapshotBuilder): boolean {
  const docs = fastParse(text);
  if (!docs) return false;
  const local = new SnapshotBuilder();
  const clean = (obj: Raw, line: number | undefined): boolean => {
    if (line === undefined) return false;
    const r = convertObject(obj, local, `${file}:${line}`);
    return r.notes.length === 0 && r.problems.length === 0;
  };
  for (const d of docs) {
    const v = d.value;
    if (!isRecord(v) || typeof v.kind !== 'string') return false;
    const implied = itemKind(v.kind);
    if (v.kind !== 'List' && !implied) {
      if (!clean(v, d.line)) return false;
      continue;
    }
    if (v.items === undefined || v.items === null) continue;
    if (!Array.isArray(v.items)) return false;
    for (let i = 0; i < v.items.length; i++) {
      const item: unknown = v.items[i];
      if (!isRecord(item)) return false;
      const withKind = item.kind === undefined && implied ? { ...item, kind: implied } : item;
      if (!clean(withKind, d.itemLines?.[i])) return false;
    }
  }
  b.absorb(local);
  return true;
}

/** One document's value and the 1-based lines of its start and of its `items` (List kinds). */
export interface FastDoc {
  readonly value: unknown;
  readonly line: number;
  readonly itemLines?: readonly number[];
}

/** Documents of a manifest file with their lines, or undefined when the located parser must read it. */
export function fastParse(text: string): FastDoc[] | undefined {
  const first = /\S/.exec(text);
  if (!first) return [];
  if (first[0] === '{') return fastJson(text, first.index);
  return fastYaml(text);
}

function lineAt(text: string, pos: number, from = 0, fromLine = 1): number {
  let line = fromLine;
  for (let i = text.indexOf('\n', from); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function itemCount(value: unknown): number | undefined {
  return isRecord(value) && Array.isArray(value.items) ? value.items.length : undefined;
}

function fastJson(text: string, start: number): FastDoc[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const line = lineAt(text, start);
  const n = itemCount(value);
  if (n === undefined) return [{ value, line }];
  const itemLines = jsonItemLines(text, start, line);
  return itemLines?.length === n ? [{ value, line, itemLines }] : undefined;
}

/** Lines where the elements of the top-level "items" array start (the text is valid JSON). */
function jsonItemLines(text: string, start: number, startLine: number): number[] | undefined {
  const out: number[] = [];
  let depth = 0;
  let line = startLine;
  let key = '';
  let inItems = false;
  let seenItems = false;
  let expectValue = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      // A string: find its end (skipping escapes); a string at depth 1 followed by ':' is a key.
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 92) j++;
        else if (d === 34) break;
      }
      if (inItems && depth === 2 && expectValue) {
        out.push(line);
        expectValue = false;
      }
      if (depth === 1) key = text.slice(i + 1, j);
      i = j;
    } else if (c === 123 || c === 91) {
      if (inItems && depth === 2 && expectValue) {
        out.push(line);
        expectValue = false;
      }
      depth++;
      if (depth === 2 && c === 91 && key === 'items') {
        if (seenItems) return undefined;
        inItems = true;
        seenItems = true;
        expectValue = true;
      }
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth === 1) inItems = false;
    } else if (c === 44) {
      if (inItems && depth === 2) expectValue = true;
    } else if (c > 32 && inItems && depth === 2 && expectValue) {
      out.push(line);
      expectValue = false;
    }
  }
  return out;
}

// Anchors, aliases, tags and directives take the located parser (it bounds alias expansion and names lines).
const UNUSUAL_YAML = /(?:^|[\s[{,])[&*!]|^%/m;

function fastYaml(text: string): FastDoc[] | undefined {
  if (UNUSUAL_YAML.test(text)) return undefined;
  let values: unknown[];
  try {
    values = loadAll(text, undefined, { schema: CORE_SCHEMA, json: true }) as unknown[];
  } catch {
    return undefined;
  }
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const docs = yamlDocuments(lines);
  if (docs.length !== values.length) return undefined;
  const out: FastDoc[] = [];
  for (let d = 0; d < docs.length; d++) {
    const value = values[d];
    const doc = docs[d]!;
    if (value === null || value === undefined) continue;
    if (doc.contentLine === undefined) return undefined;
    const n = itemCount(value);
    if (n === undefined) {
      out.push({ value, line: doc.contentLine });
      continue;
    }
    const itemLines = yamlItemLines(lines, doc.from, doc.to);
    if (itemLines?.length !== n) return undefined;
    out.push({ value, line: doc.contentLine, itemLines });
  }
  return out;
}

interface YamlDocLines {
  /** Line (1-based) of the first content (not blank, not a comment); undefined for an empty document. */
  contentLine: number | undefined;
  /** The document's lines: indices [from, to) of the file's lines. */
  from: number;
  to: number;
}

const isMarker = (l: string, m: string): boolean =>
  l.startsWith(m) && (l.length === 3 || l[3] === ' ' || l[3] === '\t');
const isQuiet = (l: string): boolean => {
  const t = l.trim();
  return t === '' || t.startsWith('#');
};

/** Splits the lines at '---' and '...' markers, as the YAML parser does for block documents. */
function yamlDocuments(lines: readonly string[]): YamlDocLines[] {
  const docs: YamlDocLines[] = [];
  let cur: YamlDocLines | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isMarker(l, '---')) {
      if (cur) cur.to = i;
      cur = { contentLine: isQuiet(l.slice(3)) ? undefined : i + 1, from: i + 1, to: lines.length };
      docs.push(cur);
      continue;
    }
    if (isMarker(l, '...')) {
      if (cur) cur.to = i;
      cur = undefined;
      continue;
    }
    if (isQuiet(l)) continue;
    if (!cur) {
      cur = { contentLine: undefined, from: i, to: lines.length };
      docs.push(cur);
    }
    cur.contentLine ??= i + 1;
  }
  return docs;
}

/** Lines (1-based) where the block-sequence entries under a top-level `items:` key start; undefined if unsure. */
function yamlItemLines(lines: readonly string[], from: number, to: number): number[] | undefined {
  let at = from;
  while (at < to && !/^items:\s*(#.*)?$/.test(lines[at]!)) at++;
  if (at >= to) return undefined;
  const out: number[] = [];
  let indent = -1;
  let pending = false;
  for (let i = at + 1; i < to; i++) {
    const l = lines[i]!;
    if (isQuiet(l)) continue;
    const ind = l.length - l.trimStart().length;
    const dash = /^(\s*)-(\s+|$)/.exec(l);
    if (indent < 0) {
      if (!dash) return undefined;
      indent = ind;
    }
    if (pending) {
      out.push(i + 1);
      pending = false;
    }
    if (ind < indent || (ind === indent && !dash)) break;
    if (ind === indent && dash) {
      if (isQuiet(l.slice(dash[0].length))) pending = true;
      else out.push(i + 1);
    }
  }
  return pending ? undefined : out;
}
