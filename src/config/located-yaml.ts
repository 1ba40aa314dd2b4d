// User files (catalogs, inventory, exceptions): YAML parsed with line numbers, checked by JSON Schema.
import { readFile } from 'node:fs/promises';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { AppError, InputError, type InputProblem } from '../model/errors.js';

export type FieldPathPart = string | number;

/** One parsed YAML file that can say on which line any field sits. */
export interface LocatedDoc {
  readonly file: string;
  readonly value: unknown;
  lineOf(parts: readonly FieldPathPart[]): number | undefined;
}

/** "subprocessors[2].endpoints.cidrs[0]": the path notation every error message uses. */
export function fieldPath(parts: readonly FieldPathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function keyLine(doc: Document, parts: readonly FieldPathPart[], lc: LineCounter): number | undefined {
  const last = parts[parts.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = parts.length === 1 ? doc.contents : doc.getIn(parts.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? lc.linePos(range[0]).line : undefined;
}

/** Line of a field: of its key when it is a mapping key, else of its value, else of its nearest ancestor. */
function nodeLine(doc: Document, parts: readonly FieldPathPart[], lc: LineCounter): number | undefined {
  const k = keyLine(doc, parts, lc);
  if (k !== undefined) return k;
  for (let n = parts.length; n >= 0; n--) {
    const node = doc.getIn(parts.slice(0, n), true) as YamlNode | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range)
      return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Parses YAML text; a syntax error is an InputError at its line. */
export function parseLocated(text: string, file: string): LocatedDoc {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({
        file,
        line: lc.linePos(e.pos[0]).line,
        message: `not valid YAML: ${e.message.split('\n')[0] ?? ''}`,
      })),
    );
  }
  return {
    file,
    value: doc.toJS({ maxAliasCount: 100 }) as unknown,
    lineOf: (parts) => nodeLine(doc, parts, lc),
  };
}

/** Reads and parses a file, named in messages as given (or as `display`), never re-based on another folder. */
export async function readLocated(file: string, display = file): Promise<LocatedDoc> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError('INPUT', `${display}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: e,
    });
  }
  return parseLocated(text, display);
}

function pointerParts(pointer: string): FieldPathPart[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject): { extra?: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { extra: String(p.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return { extra: String(p.additionalProperty), message: 'is not a known field' };
    case 'enum':
      return { message: `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'format':
      return {
        message: p.format === 'date' ? 'must be a date (YYYY-MM-DD)' : `must be a ${String(p.format)}`,
      };
    default:
      return { message: e.message ?? 'is not valid' };
  }
}

/**
 * Every schema violation as a located problem. Errors inside a failed `oneOf` branch are folded into one
 * problem whose message comes from `oneOfMessages` (keyed by its schema path, "#/.../oneOf").
 */
export function schemaProblems(
  validate: ValidateFunction,
  doc: LocatedDoc,
  oneOfMessages: Readonly<Record<string, string>> = {},
): InputProblem[] {
  if (validate(doc.value)) return [];
  const errors = validate.errors ?? [];
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath.replace(/\/oneOf$/, ''));
  const seen = new Set<string>();
  const out: InputProblem[] = [];
  for (const e of errors) {
    const inBranch = oneOfs.some((s) => e.schemaPath.startsWith(`${s}/oneOf/`));
    if (inBranch) continue;
    const parts = pointerParts(e.instancePath);
    const d = describe(e);
    const message = e.keyword === 'oneOf' ? (oneOfMessages[e.schemaPath] ?? d.message) : d.message;
    const full = d.extra !== undefined ? [...parts, d.extra] : parts;
    const field = fieldPath(full) || '(top level)';
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: doc.file, line: doc.lineOf(full), field, message });
  }
  return out;
}
