// NIST's OSCAL 1.1.2 JSON Schemas (test/fixtures/oscal, provenance in its README), compiled once each with ajv.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { repoRoot } from '../../../helpers/paths.js';

const addFormats = addFormatsModule.default;

export type OscalModel = 'catalog' | 'profile' | 'ssp' | 'assessment-plan' | 'assessment-results';

const cache = new Map<OscalModel, ValidateFunction>();

/** A validator for one model; the root key of a document names its model. */
export async function oscalValidator(model: OscalModel): Promise<ValidateFunction> {
  const hit = cache.get(model);
  if (hit) return hit;
  const file = path.join(repoRoot, 'test/fixtures/oscal', `oscal_${model}_schema.json`);
  const schema = JSON.parse(await readFile(file, 'utf8')) as object;
  // Draft-07 with \p{L} patterns: ajv compiles them with the "u" flag (unicodeRegExp, its default).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const v = ajv.compile(schema);
  cache.set(model, v);
  return v;
}

const ROOTS: Readonly<Record<string, OscalModel>> = {
  catalog: 'catalog',
  profile: 'profile',
  'system-security-plan': 'ssp',
  'assessment-plan': 'assessment-plan',
  'assessment-results': 'assessment-results',
};

/** The model of a parsed OSCAL document, from its single root key. */
export function modelOf(doc: object): OscalModel {
  const keys = Object.keys(doc);
  const model = keys.length === 1 ? ROOTS[keys[0]!] : undefined;
  if (!model) throw new Error(`not one OSCAL document: root keys ${keys.join(', ')}`);
  return model;
}
