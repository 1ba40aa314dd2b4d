// Lint input: every object of the manifest paths with field positions, and the snapshot they make.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { AppError, InputError, type InputProblem } from '../../model/errors.js';
import type { FieldPathPart, LintObject } from '../../model/lint.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../model/snapshot.js';
import { checkAdminSpec } from '../objects/admin-schema.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { convertObject, DEFAULT_NAMESPACE } from '../objects/convert.js';
import { isRecord, Reader, type Raw } from '../objects/raw.js';
import { listManifestFiles } from './load-manifests.js';
import { positionOf } from './positions.js';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
]);

export interface LintLoad {
  readonly files: readonly string[];
  readonly objects: readonly LintObject[];
  readonly snapshot: Snapshot;
}

function readObject(
  obj: Raw,
  file: string,
  doc: Document,
  lc: LineCounter,
  prefix: readonly FieldPathPart[],
  b: SnapshotBuilder,
): LintObject {
  const before = {
    np: b.networkPolicies.length,
    anp: b.adminNetworkPolicies.length,
    banp: b.baselineAdminNetworkPolicies.length,
    other: b.otherPolicies.length,
  };
  const r = convertObject(obj, b, `${file}:${positionOf(doc, lc, prefix).line}`);
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  const extra = new Reader();
  const admin = apiVersion.startsWith('policy.networking.k8s.io/');
  if (admin && kind === 'AdminNetworkPolicy' && spec) checkAdminSpec(extra, spec, 'anp');
  if (admin && kind === 'BaselineAdminNetworkPolicy' && spec) checkAdminSpec(extra, spec, 'banp');
  const written = typeof meta.namespace === 'string' && meta.namespace !== '';
  const np = b.networkPolicies.length > before.np ? b.networkPolicies[before.np] : undefined;
  const anp = b.adminNetworkPolicies.length > before.anp ? b.adminNetworkPolicies[before.anp] : undefined;
  const banp =
    b.baselineAdminNetworkPolicies.length > before.banp
      ? b.baselineAdminNetworkPolicies[before.banp]
      : undefined;
  const other = b.otherPolicies.length > before.other ? b.otherPolicies[before.other] : undefined;
  return {
    file,
    kind,
    apiVersion,
    ...(CLUSTER_SCOPED.has(kind)
      ? {}
      : { namespace: written ? (meta.namespace as string) : DEFAULT_NAMESPACE }),
    namespaceWritten: written,
    name: typeof meta.name === 'string' ? meta.name : '',
    locate: (p) => positionOf(doc, lc, [...prefix, ...p]),
    problems: [...r.problems, ...extra.problems],
    ...(np ? { networkPolicy: np } : {}),
    ...(anp ? { admin: anp } : {}),
    ...(banp ? { baseline: banp } : {}),
    ...(other ? { other } : {}),
  };
}

/** Parses one file's text; YAML syntax errors are returned as problems (the file is unreadable). */
export function lintText(
  text: string,
  file: string,
  b: SnapshotBuilder,
): { objects: LintObject[]; problems: InputProblem[] } {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const objects: LintObject[] = [];
  const problems: InputProblem[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const err = doc.errors[0];
    if (err) {
      problems.push({
        file,
        line: lc.linePos(err.pos[0]).line,
        message: `not valid YAML: ${err.message.split('\n')[0]}`,
      });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // An alias bomb is hostile input (exit 2), as in load-manifests.ts.
      problems.push({ file, line: 1, message: `not accepted: ${(e as Error).message}` });
      continue;
    }
    if (!isRecord(value) || typeof value.kind !== 'string') continue;
    const kind = value.kind;
    if (kind === 'List' || (kind.endsWith('List') && Array.isArray(value.items))) {
      const implied = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      (Array.isArray(value.items) ? value.items : []).forEach((item: unknown, i: number) => {
        if (!isRecord(item)) return;
        const withKind = item.kind === undefined && implied ? { ...item, kind: implied } : item;
        objects.push(readObject(withKind, file, doc, lc, ['items', i], b));
      });
    } else objects.push(readObject(value, file, doc, lc, [], b));
  }
  return { objects, problems };
}

/** Reads every manifest under `paths`. An unreadable file or YAML syntax error is an InputError (exit 2). */
export async function loadLintInput(paths: readonly string[], now: () => Date): Promise<LintLoad> {
  const b = new SnapshotBuilder();
  const files: string[] = [];
  const objects: LintObject[] = [];
  const problems: InputProblem[] = [];
  const startedAt = now().toISOString();
  for (const root of paths) {
    for (const file of await listManifestFiles(root)) {
      const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new AppError('INPUT', `${file}: cannot read (${e.code ?? e.message})`, { cause: e });
      });
      const rel = path.relative(process.cwd(), file);
      const display = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
      files.push(display);
      const got = lintText(text, display, b);
      objects.push(...got.objects);
      problems.push(...got.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: { type: 'manifests', name: 'lint', paths: [...paths] },
    collection: { startedAt, finishedAt: now().toISOString(), counts: {}, skipped: {} },
    ...b.parts(),
  };
  return { files, objects, snapshot };
}
