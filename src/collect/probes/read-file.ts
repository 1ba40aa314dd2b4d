// Probe plans and results read back from disk: JSON checked against their documented schemas
// (docs/probe-plan.schema.json, docs/probe-results.schema.json), every problem named by file and field.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { packageSchema } from '../../config/package-files.js';
import { AppError, InputError } from '../../model/errors.js';
import type { ProbePlan, ProbeResults } from '../../model/probes.js';

export interface ReadProbeFile<T> {
  readonly value: T;
  readonly sha256: string;
}

async function readChecked<T>(file: string, schema: string, what: string): Promise<ReadProbeFile<T>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new AppError('INPUT', `${file}: cannot read the ${what} (${(e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new InputError([{ file, message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const validate = await packageSchema(schema);
  if (!validate(value))
    throw new InputError(
      (validate.errors ?? []).slice(0, 20).map((e) => ({
        file,
        field:
          e.instancePath
            .replace(/^\//, '')
            .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
            .replace(/\//g, '.') || '(top level)',
        message: `${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`,
      })),
    );
  return { value: value as T, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A plan written by `probe plan`; probe ids must be unique (they name the containers). */
export async function readProbePlan(file: string): Promise<ReadProbeFile<ProbePlan>> {
  const r = await readChecked<ProbePlan>(file, 'docs/probe-plan.schema.json', 'probe plan');
  const seen = new Set<string>();
  r.value.probes.forEach((p, i) => {
    if (seen.has(p.id))
      throw new InputError([
        { file, field: `probes[${i}].id`, message: `"${p.id}" is used twice (ids name the containers)` },
      ]);
    seen.add(p.id);
  });
  return r;
}

/** Results written by `probe run`. */
export function readProbeResults(file: string): Promise<ReadProbeFile<ProbeResults>> {
  return readChecked<ProbeResults>(file, 'docs/probe-results.schema.json', 'probe results');
}
