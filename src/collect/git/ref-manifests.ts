// Manifests at a Git ref: every YAML/JSON file under the --git-path globs, parsed as the manifest source does.
import { AppError, InputError, type InputProblem } from '../../model/errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../model/snapshot.js';
import { parseManifestText } from '../manifests/load-manifests.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { matchesAny } from './globs.js';
import { parseTree } from './head-policies.js';
import { MANIFEST_FILE } from './policy-objects.js';
import { resolveRef } from './repository.js';
import { openGit, readObjects, runGit } from './runner.js';

export interface RefManifests {
  readonly ref: string;
  readonly sha: string;
  readonly snapshot: Snapshot;
  /** Repository paths read, sorted. */
  readonly files: readonly string[];
}

/**
 * Reads the manifests of `ref` in the repository at `dir` (plain files; kustomize overlays and Helm charts are
 * not rendered here). A file that does not parse is an InputError naming "ref:path" and the line.
 */
export async function loadRefManifests(
  dir: string,
  ref: string,
  globs: readonly string[],
  now: () => Date,
): Promise<RefManifests> {
  const startedAt = now().toISOString();
  const resolved = await resolveRef(dir, ref);
  const tree = parseTree(
    await runGit(openGit(dir), ['ls-tree', '-r', '-z', resolved.sha], `listing the files of ${ref} failed`),
  );
  const files = tree
    .filter((f) => MANIFEST_FILE.test(f.path) && matchesAny(f.path, globs))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length === 0)
    throw new AppError('INPUT', `--git-path ${globs.join(', ')}: no manifest file at ${ref}`);
  const blobs = await readObjects(dir, [...new Set(files.map((f) => f.blob))]);
  const b = new SnapshotBuilder();
  const problems: InputProblem[] = [];
  for (const f of files) {
    const text = blobs.get(f.blob)?.toString('utf8') ?? '';
    problems.push(...parseManifestText(text, `${ref}:${f.path}`, b));
  }
  if (problems.length > 0) throw new InputError(problems);
  return {
    ref,
    sha: resolved.sha,
    files: files.map((f) => f.path),
    snapshot: {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      source: { type: 'manifests', name: ref, paths: [...globs] },
      collection: {
        startedAt,
        finishedAt: now().toISOString(),
        counts: { ...b.counts },
        skipped: { ...b.skipped },
      },
      ...b.parts(),
    },
  };
}
