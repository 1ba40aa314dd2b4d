// Saved snapshots: written by `snapshot --output`, read back by `--snapshot FILE` wherever a source is accepted.
import { readFile } from 'node:fs/promises';
import { AppError, InputError } from '../model/errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/snapshot.js';

const REQUIRED_LISTS = [
  'namespaces',
  'workloads',
  'pods',
  'services',
  'ingresses',
  'networkPolicies',
  'adminNetworkPolicies',
  'baselineAdminNetworkPolicies',
  'otherPolicies',
  'warnings',
] as const;

/** Stable JSON text of a snapshot (two-space indent, trailing newline). */
export function serializeSnapshot(s: Snapshot): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** Reads and checks a saved snapshot (or a bundle's evidence.json); a file of another schema version or shape is an input error. */
export async function readSnapshotFile(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError('INPUT', `${file}: cannot read the snapshot (${(e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError([{ file, message: `not valid JSON: ${(e as Error).message}` }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError([{ file, message: 'a snapshot must be a JSON object' }]);
  }
  // A bundle's evidence.json carries the snapshot it was built from: accept it too, so any report can be rebuilt.
  const outer = value as Record<string, unknown>;
  const v = (
    typeof outer.reportId === 'string' && typeof outer.snapshot === 'object' && outer.snapshot !== null
      ? outer.snapshot
      : outer
  ) as Record<string, unknown>;
  if (v.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError([
      {
        file,
        field: 'schemaVersion',
        message: `must be ${SNAPSHOT_SCHEMA_VERSION} (got ${JSON.stringify(v.schemaVersion)})`,
      },
    ]);
  }
  const missing = REQUIRED_LISTS.filter((k) => !Array.isArray(v[k]));
  if (missing.length > 0 || typeof v.source !== 'object' || typeof v.collection !== 'object') {
    throw new InputError(
      [
        ...missing,
        ...(typeof v.source !== 'object' ? ['source'] : []),
        ...(typeof v.collection !== 'object' ? ['collection'] : []),
      ].map((field) => ({
        file,
        field,
        message: 'is missing or has the wrong type',
      })),
    );
  }
  return v as unknown as Snapshot;
}
