// Loads the package's controls/ (catalogs, crosswalk, adequacy list) and the user's --controls files.
import path from 'node:path';
import type { Catalogs } from '../model/compliance.js';
import { InputError, type InputProblem } from '../model/errors.js';
import { CatalogMerge, type ControlsFile } from './catalog-merge.js';
import { fileSha256 } from './file-digest.js';
import { fieldPath, readLocated, schemaProblems, type LocatedDoc } from './located-yaml.js';
import { packageRoot, packageSchema } from './package-files.js';

/** Package files in load order: the crosswalk first, so the rule ids it names become the known checks. */
export const PACKAGE_CONTROL_FILES = [
  'mapping.yaml',
  'soc2.yaml',
  'iso27001.yaml',
  'gdpr.yaml',
  'adequacy.yaml',
];

const SCHEMAS: Readonly<Record<string, string>> = {
  catalog: 'controls/schema/catalog.schema.json',
  mapping: 'controls/schema/mapping.schema.json',
  adequacy: 'controls/schema/adequacy.schema.json',
};

async function validateFile(doc: LocatedDoc): Promise<{ data?: ControlsFile; problems: InputProblem[] }> {
  const v = doc.value;
  const kind = typeof v === 'object' && v !== null && 'kind' in v ? (v as { kind: unknown }).kind : undefined;
  const schema = typeof kind === 'string' ? SCHEMAS[kind] : undefined;
  if (schema === undefined) {
    const message = `must be one of ${Object.keys(SCHEMAS).join(', ')}`;
    return {
      problems: [{ file: doc.file, line: doc.lineOf(['kind']), field: fieldPath(['kind']), message }],
    };
  }
  const problems = schemaProblems(await packageSchema(schema), doc);
  return problems.length > 0 ? { problems } : { data: v as ControlsFile, problems };
}

/**
 * The catalogs in effect: the package's controls/ then each extra file in order (a catalog adds or
 * overrides controls; a mapping replaces, per rule and framework, the lists before it). Every problem in
 * every file is reported at once, as an InputError naming file, line and field.
 */
export async function loadCatalogs(extraFiles: readonly string[] = []): Promise<Catalogs> {
  const root = path.join(packageRoot(), 'controls');
  const merge = new CatalogMerge();
  const problems: InputProblem[] = [];
  const digests: { file: string; sha256: string; user: boolean }[] = [];
  const load = async (file: string, display?: string): Promise<void> => {
    const doc = await readLocated(file, display);
    digests.push({ file: doc.file, sha256: await fileSha256(file), user: display === undefined });
    const r = await validateFile(doc);
    problems.push(...r.problems, ...(r.data ? merge.add(doc, r.data) : []));
  };
  // Package files are named by their place in the package, the same on every machine.
  for (const f of PACKAGE_CONTROL_FILES) await load(path.join(root, f), `netpol-evidence/controls/${f}`);
  merge.sealKnownRules();
  for (const f of extraFiles) {
    try {
      await load(f);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  const done = merge.finish();
  problems.push(...done.problems);
  if (problems.length > 0 || !done.catalogs) throw new InputError(problems);
  return { ...done.catalogs, digests };
}
