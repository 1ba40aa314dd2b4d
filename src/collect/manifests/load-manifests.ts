// Manifest source: folders of YAML/JSON Kubernetes objects -> Snapshot (offline mode and test input).
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { AppError, InputError, type InputProblem } from '../../model/errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../model/snapshot.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { convertObject } from '../objects/convert.js';
import { fieldPath, isRecord, type Raw } from '../objects/raw.js';
import { itemKind, readManifestFast } from './fast-read.js';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface ManifestOptions {
  readonly paths: readonly string[];
  /** Name of the source in reports; defaults to the first folder's base name. */
  readonly name?: string;
  /** Clock for collection times (injected by the CLI). */
  readonly now: () => Date;
}

/** A file of the manifest folders that was not read, and why (a broken symlink, a loop). */
export interface ListingNote {
  readonly where: string;
  readonly message: string;
}

/**
 * Every manifest file under `root` (a folder, walked recursively, or a single file), in a stable order.
 * Symbolic links are followed (a folder reached twice, as through a loop, is read once); a link that leads
 * nowhere is named in `notes`, never skipped silently. A folder without any manifest file is an input error.
 */
export async function listManifestFiles(root: string, notes: ListingNote[] = []): Promise<string[]> {
  let st;
  try {
    st = await stat(root);
  } catch {
    throw new AppError('INPUT', `${root}: no such file or folder`);
  }
  if (st.isFile()) return [root];
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (seen.has(real)) {
      notes.push({ where: dir, message: `symbolic link to a folder already read (${real}); not read twice` });
      return;
    }
    seen.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined);
        if (!target) {
          notes.push({ where: full, message: 'symbolic link to nothing (broken link); not read' });
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) await walk(full);
      else if (isFile && EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(full);
    }
  };
  await walk(root);
  if (out.length === 0)
    throw new AppError(
      'INPUT',
      `${root}: no manifest files (${[...EXTENSIONS].join(', ')}) in this folder or below it`,
    );
  return out;
}

/** Line (1-based) of the node at `fieldPathParts` in `doc`, or of its nearest ancestor that exists. */
function lineOf(doc: Document, parts: readonly (string | number)[], lc: LineCounter): number | undefined {
  for (let n = parts.length; n >= 0; n--) {
    const node = doc.getIn(parts.slice(0, n), true) as YamlNode | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range)
      return lc.linePos(node.range[0]).line;
  }
  return doc.contents?.range ? lc.linePos(doc.contents.range[0]).line : undefined;
}

/** Parses one file's text into the builder; returns located problems (an empty list when it is well-formed). */
export function parseManifestText(text: string, file: string, b: SnapshotBuilder): InputProblem[] {
  // Well-formed files take the fast reader; positions of every field are worked out only to report a problem.
  return readManifestFast(text, file, b) ? [] : parseManifestLocated(text, file, b);
}

/** The located parser: every node keeps its position, so warnings and problems name their line. */
export function parseManifestLocated(text: string, file: string, b: SnapshotBuilder): InputProblem[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const problems: InputProblem[] = [];
  const docList = Array.isArray(docs) ? docs : [docs];
  for (const doc of docList) {
    const firstError = doc.errors[0];
    if (firstError) {
      // The first error is the cause; the parser's later ones in the same document mostly follow from it.
      problems.push({
        file,
        line: lc.linePos(firstError.pos[0]).line,
        message: `not valid YAML: ${firstError.message.split('\n')[0]}`,
      });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // A "billion laughs" alias bomb (or nesting too deep to expand) is hostile input, not a crash.
      problems.push({
        file,
        line: lineOf(doc, [], lc),
        message: `not accepted: ${(e as Error).message} (YAML aliases expand beyond 1000 references, or nest too deep)`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const docLine = lineOf(doc, [], lc);
    if (!isRecord(value)) {
      b.warn(
        `${file}:${docLine ?? 1}`,
        'not a Kubernetes object (expected a mapping with apiVersion and kind); skipped',
      );
      continue;
    }
    const add = (obj: Raw, prefix: (string | number)[]): void => {
      const where = `${file}:${lineOf(doc, prefix, lc) ?? 1}`;
      const r = convertObject(obj, b, where);
      for (const n of r.notes) {
        const full = [...prefix, ...n.path];
        b.warn(`${file}:${lineOf(doc, full, lc) ?? 1}`, `${fieldPath(full)}: ${n.message}`);
      }
      for (const p of r.problems) {
        const full = [...prefix, ...p.path];
        problems.push({ file, line: lineOf(doc, full, lc), field: fieldPath(full), message: p.message });
      }
    };
    const kind = typeof value.kind === 'string' ? value.kind : undefined;
    if (kind === undefined) {
      b.warn(`${file}:${docLine ?? 1}`, 'object has no kind; skipped');
      continue;
    }
    if (kind === 'List' || itemKind(kind)) {
      const implied = itemKind(kind);
      const items = value.items;
      if (items !== undefined && items !== null && !Array.isArray(items)) {
        problems.push({ file, line: lineOf(doc, ['items'], lc), field: 'items', message: 'must be a list' });
        continue;
      }
      (items ?? []).forEach((item: unknown, i: number) => {
        if (!isRecord(item)) {
          problems.push({
            file,
            line: lineOf(doc, ['items', i], lc),
            field: `items[${i}]`,
            message: 'must be an object',
          });
          return;
        }
        const withKind = item.kind === undefined && implied ? { ...item, kind: implied } : item;
        add(withKind, ['items', i]);
      });
      continue;
    }
    add(value, []);
  }
  return problems;
}

/** Reads every manifest under `options.paths`. A malformed file is an InputError naming file, line and field. */
export async function loadManifests(options: ManifestOptions): Promise<Snapshot> {
  const startedAt = options.now().toISOString();
  const b = new SnapshotBuilder();
  const problems: InputProblem[] = [];
  const notes: ListingNote[] = [];
  for (const root of options.paths) {
    for (const file of await listManifestFiles(root, notes)) {
      const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new AppError('INPUT', `${file}: cannot read (${e.code ?? e.message})`, { cause: e });
      });
      // Files under the working folder are named relative to it (stable in evidence); others as given.
      const rel = path.relative(process.cwd(), file);
      const display = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
      problems.push(...parseManifestText(text, display, b));
    }
  }
  for (const n of notes) b.warn(n.where, n.message);
  if (problems.length > 0) throw new InputError(problems);
  const name = options.name ?? path.basename(path.resolve(options.paths[0] ?? '.'));
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: {
      type: 'manifests',
      name,
      // As given on the command line (never re-based on another folder), so evidence shows what the user typed.
      paths: [...options.paths],
    },
    collection: {
      startedAt,
      finishedAt: options.now().toISOString(),
      counts: sortKeys(b.counts),
      skipped: sortKeys(b.skipped),
    },
    ...b.parts(),
  };
}

function sortKeys(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
