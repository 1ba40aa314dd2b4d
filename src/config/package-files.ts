// Data files shipped with the package (controls/, docs/*.schema.json), found from this module's location.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AppError } from '../model/errors.js';

const addFormats = addFormatsModule.default;

/** The package root: the nearest ancestor holding controls/mapping.yaml (src/config or dist/src/config). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'controls', 'mapping.yaml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new AppError('INPUT', 'cannot find the controls/ folder of netpol-evidence');
    dir = up;
  }
}

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv, ['date']);
const compiled = new Map<string, ValidateFunction>();

/** A JSON Schema of the package ("controls/schema/catalog.schema.json"), compiled once. */
export async function packageSchema(relative: string): Promise<ValidateFunction> {
  const hit = compiled.get(relative);
  if (hit) return hit;
  const text = await readFile(path.join(packageRoot(), relative), 'utf8');
  const schema = JSON.parse(text) as { $id?: string };
  const v = (schema.$id !== undefined ? ajv.getSchema(schema.$id) : undefined) ?? ajv.compile(schema);
  compiled.set(relative, v);
  return v;
}
