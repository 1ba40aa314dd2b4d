// The desired state: policy objects in the manifests at the ref's HEAD, kustomize overlays rendered when possible.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { GitPolicySet, UnrenderedSource } from '../../model/git.js';
import type { CollectionWarning } from '../../model/snapshot.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { MANIFEST_FILE, parseInto } from './policy-objects.js';
import { readObjects } from './runner.js';
import { execTool, extractTree } from './tools.js';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
/** A Helm chart's folder holds Chart.yaml; its templates are not YAML until rendered. */
export const CHART = /(^|\/)Chart\.yaml$/;

export interface TreeFile {
  readonly path: string;
  readonly blob: string;
}

export interface HeadResult {
  readonly policies: GitPolicySet;
  readonly unrendered: UnrenderedSource[];
  readonly warnings: CollectionWarning[];
}

/** Parses `git ls-tree -r -z` output into blob entries. */
export function parseTree(output: string): TreeFile[] {
  const out: TreeFile[] = [];
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, blob] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && blob) out.push({ path: entry.slice(tab + 1), blob });
  }
  return out;
}

export function dirOf(p: string): string {
  const d = path.posix.dirname(p);
  return d === '.' ? '' : d;
}

function under(file: string, dir: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/** Folders a kustomization includes (resources, bases, components that are folders of the repository). */
function includes(dir: string, text: string): string[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return [];
  }
  if (!doc || typeof doc !== 'object') return [];
  const d = doc as Record<string, unknown>;
  const entries = [d.resources, d.bases, d.components].flatMap((v) => (Array.isArray(v) ? v : []));
  return entries
    .filter((e): e is string => typeof e === 'string')
    .map((e) => path.posix.normalize(path.posix.join(dir, e)));
}

/** Reads the head's policies; `files` are the tree's files under the paths, `tree` every file of it. */
export async function readHeadPolicies(
  repoDir: string,
  sha: string,
  files: readonly TreeFile[],
  tree: readonly TreeFile[] = files,
): Promise<HeadResult> {
  const kustomizeDirs = files
    .filter((f) => KUSTOMIZATION.test(f.path))
    .map((f) => ({ dir: dirOf(f.path), file: f }));
  const chartDirs = files.filter((f) => CHART.test(f.path)).map((f) => dirOf(f.path));
  const special = [...kustomizeDirs.map((k) => k.dir), ...chartDirs];
  const plain = files.filter((f) => MANIFEST_FILE.test(f.path) && !special.some((d) => under(f.path, d)));
  const blobs = await readObjects(repoDir, [
    ...new Set([...plain, ...kustomizeDirs.map((k) => k.file)].map((f) => f.blob)),
  ]);
  const b = new SnapshotBuilder();
  const warnings: CollectionWarning[] = [];
  for (const f of plain) warnings.push(...parseInto(blobs.get(f.blob)?.toString('utf8') ?? '', f.path, b));

  const included = new Map<string, string>();
  for (const k of kustomizeDirs)
    for (const inc of includes(k.dir, blobs.get(k.file.blob)?.toString('utf8') ?? ''))
      if (inc !== k.dir && kustomizeDirs.some((o) => o.dir === inc)) included.set(inc, k.dir);
  const roots = kustomizeDirs.filter((k) => !included.has(k.dir)).map((k) => k.dir);
  // Paths kustomize reads that exist in the tree (a remote base or a typo is left for kustomize to report).
  const needed = neededPaths(roots, kustomizeDirs, (f) => blobs.get(f.blob)?.toString('utf8') ?? '').filter(
    (p) => tree.some((f) => f.path === p || f.path.startsWith(`${p}/`)),
  );
  const rendered = await renderRoots(repoDir, sha, roots, needed, b, warnings);
  const unrendered: UnrenderedSource[] = [
    ...kustomizeDirs.map((k): UnrenderedSource => {
      const root = rootOf(k.dir, included);
      const r = rendered.get(root);
      return {
        path: k.dir || '.',
        tool: 'kustomize',
        rendered: r === undefined,
        ...(r !== undefined
          ? { reason: r }
          : root !== k.dir
            ? { reason: `rendered as part of ${root || '.'}` }
            : {}),
      };
    }),
    ...chartDirs.map((d): UnrenderedSource => ({
      path: d || '.',
      tool: 'helm',
      rendered: false,
      reason: 'Helm charts are not rendered',
    })),
  ].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  for (const u of unrendered.filter((x) => !x.rendered))
    warnings.push({
      where: u.path,
      message: `${u.tool} source not rendered (${u.reason ?? ''}); its policies are not in the desired state`,
    });
  return {
    policies: {
      networkPolicies: b.networkPolicies,
      adminNetworkPolicies: b.adminNetworkPolicies,
      baselineAdminNetworkPolicies: b.baselineAdminNetworkPolicies,
      otherPolicies: b.otherPolicies.filter((p) => p.apiVersion.startsWith('cilium.io/')),
    },
    unrendered,
    warnings,
  };
}

/**
 * The paths kustomize reads for these roots: each root's folder and, transitively, what its kustomization
 * includes (resources, bases, components). Empty means the whole tree (a root at the repository's top).
 */
export function neededPaths(
  roots: readonly string[],
  kustomizations: readonly { dir: string; file: TreeFile }[],
  textOf: (f: TreeFile) => string,
): string[] {
  const byDir = new Map(kustomizations.map((k) => [k.dir, k.file]));
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const d = queue.pop() as string;
    if (seen.has(d)) continue;
    seen.add(d);
    const file = byDir.get(d);
    if (file) queue.push(...includes(d, textOf(file)).filter((p) => !p.startsWith('..')));
  }
  if (seen.has('') || seen.has('.')) return [];
  // Drop paths inside another listed path (git archive would list them twice).
  const all = [...seen].sort();
  return all.filter((p) => !all.some((o) => o !== p && p.startsWith(`${o}/`)));
}

function rootOf(dir: string, included: Map<string, string>): string {
  let d = dir;
  for (let i = 0; i < 50 && included.has(d); i++) d = included.get(d) as string;
  return d;
}

/** Renders each root overlay with `kubectl kustomize`; returns the reason per root that could not be rendered. */
async function renderRoots(
  repoDir: string,
  sha: string,
  roots: readonly string[],
  paths: readonly string[],
  b: SnapshotBuilder,
  warnings: CollectionWarning[],
): Promise<Map<string, string>> {
  const failed = new Map<string, string>();
  if (roots.length === 0) return failed;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'npe-kustomize-'));
  try {
    await extractTree(repoDir, sha, tmp, paths);
    for (const root of roots) {
      try {
        const r = await execTool('kubectl', ['kustomize', path.join(tmp, root)], tmp);
        if (r.status !== 0)
          failed.set(root, `kubectl kustomize failed: ${r.stderr.replaceAll(tmp, '').trim().split('\n')[0]}`);
        else
          warnings.push(
            ...parseInto(r.stdout.toString('utf8'), `${root || '.'}/kustomization.yaml (rendered)`, b),
          );
      } catch {
        failed.set(root, 'kubectl is not installed');
      }
    }
  } catch (e) {
    for (const root of roots)
      failed.set(root, `could not extract the tree: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return failed;
}
