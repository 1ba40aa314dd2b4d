// Per policy object, its changes in the period: the objects each commit's files declared before and after.
import type { PolicyChange, PolicyChangeLog } from '../../model/git.js';
import type { CollectionWarning } from '../../model/snapshot.js';
import type { LoggedCommit } from './log-format.js';
import { MANIFEST_FILE, policyKey, policyObjectsOf, type PolicyObject } from './policy-objects.js';

/** At most this many distinct file versions are read; beyond it the change log is marked incomplete. */
export const MAX_BLOBS = 100_000;
const MAX_WARNINGS = 20;

/** Blob ids (old and new versions of manifest files) whose content the change log needs. */
export function blobsNeeded(commits: readonly LoggedCommit[], skip: readonly string[] = []): string[] {
  const ids = new Set<string>();
  for (const c of commits) {
    if (c.parents.length > 1) continue;
    for (const f of c.files) {
      if (!isManifest(f.path, skip) && !isManifest(f.oldPath ?? '', skip)) continue;
      if (f.oldBlob) ids.add(f.oldBlob);
      if (f.newBlob) ids.add(f.newBlob);
    }
  }
  return [...ids];
}

/** A manifest file outside the folders whose files are not plain manifests (Helm charts: templates). */
function isManifest(path: string, skip: readonly string[]): boolean {
  return MANIFEST_FILE.test(path) && !skip.some((d) => path.startsWith(`${d}/`));
}

type Side = Map<string, { obj: PolicyObject; path: string }>;

/** Builds the change logs; `blobs` maps blob id to content (a missing id is reported, not guessed). */
export function policyChangeLogs(
  commits: readonly LoggedCommit[],
  blobs: ReadonlyMap<string, Buffer>,
  skip: readonly string[] = [],
): { logs: PolicyChangeLog[]; warnings: CollectionWarning[] } {
  const parsed = new Map<string, PolicyObject[]>();
  const warnings: CollectionWarning[] = [];
  let dropped = 0;
  const objectsOf = (blob: string, path: string, sha: string): PolicyObject[] => {
    const cached = parsed.get(blob);
    if (cached) return cached;
    const content = blobs.get(blob);
    if (!content) {
      warnings.push({
        where: `${sha.slice(0, 12)}:${path}`,
        message: 'file version not read; its policies are not in the change log',
      });
      return [];
    }
    const r = policyObjectsOf(content.toString('utf8'), `${sha.slice(0, 12)}:${path}`);
    for (const w of r.warnings)
      if (warnings.length < MAX_WARNINGS) warnings.push(w);
      else dropped++;
    parsed.set(blob, r.objects);
    return r.objects;
  };
  const logs = new Map<string, { head: Omit<PolicyChangeLog, 'changes'>; changes: PolicyChange[] }>();
  for (const c of commits) {
    if (c.parents.length > 1) continue;
    const before: Side = new Map();
    const after: Side = new Map();
    for (const f of c.files) {
      const oldPath = f.oldPath ?? f.path;
      if (f.oldBlob && isManifest(oldPath, skip))
        for (const o of objectsOf(f.oldBlob, oldPath, c.sha))
          before.set(policyKey(o), { obj: o, path: oldPath });
      if (f.newBlob && isManifest(f.path, skip))
        for (const o of objectsOf(f.newBlob, f.path, c.sha))
          after.set(policyKey(o), { obj: o, path: f.path });
    }
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(key);
      const a = after.get(key);
      const action = !b
        ? 'added'
        : !a
          ? 'deleted'
          : a.obj.specJson !== b.obj.specJson
            ? 'modified'
            : undefined;
      if (!action) continue;
      const o = (a ?? b)?.obj as PolicyObject;
      const entry = logs.get(key) ?? {
        head: {
          kind: o.kind,
          ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
          name: o.name,
        },
        changes: [],
      };
      entry.changes.push({ sha: c.sha, date: c.committer.date, action, path: (a ?? b)?.path ?? f0(c) });
      logs.set(key, entry);
    }
  }
  if (dropped > 0)
    warnings.push({ where: 'git history', message: `${dropped} more file parse problems not listed` });
  const sorted = [...logs.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return { logs: sorted.map(([, v]) => ({ ...v.head, changes: v.changes })), warnings };
}

function f0(c: LoggedCommit): string {
  return c.files[0]?.path ?? '';
}
