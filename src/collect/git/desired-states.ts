// The desired state Git declares at each policy change and at its first parent, read as drift reads HEAD's
// (plain manifests parsed, kustomize overlays rendered, Helm charts not), recorded as small steps from HEAD.
import {
  MAX_ASSESSED_CHANGES,
  policyVersions,
  versionContent,
  type DesiredStateStep,
  type GitChange,
  type GitPolicySet,
  type PolicyVersion,
} from '../../model/git.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { matchesAny } from './globs.js';
import { CHART, parseTree, readHeadPolicies, type TreeFile } from './head-policies.js';
import { MANIFEST_FILE, parseInto } from './policy-objects.js';
import { openGit, readObjects, runGit } from './runner.js';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

interface State {
  readonly versions: Map<string, PolicyVersion>;
  /** Why this state is not the whole desired state (a source that did not render or parse). */
  readonly unknown?: string;
}

/** The versions that turn state `a` into state `b` (a removal is the key without an object). */
function delta(
  a: ReadonlyMap<string, PolicyVersion>,
  b: ReadonlyMap<string, PolicyVersion>,
): PolicyVersion[] {
  const out: PolicyVersion[] = [];
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(k);
    const y = b.get(k);
    if (versionContent(x) === versionContent(y)) continue;
    const v = (y ?? x)!;
    out.push(
      y ??
        (v.kind === 'NetworkPolicy'
          ? { kind: v.kind, namespace: v.namespace, name: v.name }
          : { kind: v.kind, name: v.name }),
    );
  }
  return out;
}

/** Reads states at commits, parsing each file version once (most files are the same from commit to commit). */
class StateReader {
  private readonly parsed = new Map<string, { set: GitPolicySet; problems: string[] }>();
  private readonly recent = new Map<string, State>();
  /** Whether a path matches the globs: the same few thousand paths come back at every commit. */
  private readonly matched = new Map<string, boolean>();

  constructor(
    private readonly dir: string,
    private readonly globs: readonly string[],
  ) {}

  async at(sha: string): Promise<State> {
    let tree: TreeFile[];
    try {
      const git = openGit(this.dir);
      tree = parseTree(await runGit(git, ['ls-tree', '-r', '-z', '--full-tree', sha], `listing ${sha}`));
    } catch (e) {
      return {
        versions: new Map(),
        unknown: `${sha.slice(0, 12)} could not be read (${(e as Error).message})`,
      };
    }
    const files = tree.filter((f) => this.matches(f.path));
    const signature = files.map((f) => `${f.blob} ${f.path}`).join('\n');
    const seen = this.recent.get(signature);
    if (seen) return seen;
    const state = files.some((f) => KUSTOMIZATION.test(f.path) || CHART.test(f.path))
      ? await this.rendered(sha, files, tree)
      : await this.plain(sha, files);
    if (this.recent.size >= 8) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(signature, state);
    return state;
  }

  private matches(file: string): boolean {
    let m = this.matched.get(file);
    if (m === undefined) {
      m = matchesAny(file, this.globs);
      this.matched.set(file, m);
    }
    return m;
  }

  /** Overlays and charts: the same reader drift uses at HEAD. */
  private async rendered(sha: string, files: TreeFile[], tree: TreeFile[]): Promise<State> {
    const r = await readHeadPolicies(this.dir, sha, files, tree);
    const failed = r.unrendered.filter((u) => !u.rendered);
    const reasons = [
      ...failed.map((u) => `${u.tool} ${u.path} (${u.reason ?? 'not rendered'})`),
      ...r.warnings
        .filter((w) => !/source not rendered/.test(w.message))
        .map((w) => `${w.where}: ${w.message}`),
    ];
    return {
      versions: policyVersions(r.policies),
      ...(reasons.length ? { unknown: `at ${sha.slice(0, 12)}: ${reasons.join('; ')}` } : {}),
    };
  }

  private async plain(sha: string, files: TreeFile[]): Promise<State> {
    const manifests = files.filter((f) => MANIFEST_FILE.test(f.path));
    const id = (f: TreeFile): string => `${f.blob}\u0000${f.path}`;
    const missing = manifests.filter((f) => !this.parsed.has(id(f)));
    const blobs = await readObjects(this.dir, [...new Set(missing.map((f) => f.blob))]);
    for (const f of missing) {
      const b = new SnapshotBuilder();
      const problems = parseInto(blobs.get(f.blob)?.toString('utf8') ?? '', f.path, b).map(
        (w) => `${w.where}: ${w.message}`,
      );
      this.parsed.set(id(f), {
        set: {
          networkPolicies: b.networkPolicies,
          adminNetworkPolicies: b.adminNetworkPolicies,
          baselineAdminNetworkPolicies: b.baselineAdminNetworkPolicies,
        },
        problems,
      });
    }
    const versions = new Map<string, PolicyVersion>();
    const problems: string[] = [];
    for (const f of manifests) {
      const p = this.parsed.get(id(f))!;
      for (const [k, v] of policyVersions(p.set)) versions.set(k, v);
      problems.push(...p.problems);
    }
    return {
      versions,
      ...(problems.length ? { unknown: `at ${sha.slice(0, 12)}: ${problems.slice(0, 3).join('; ')}` } : {}),
    };
  }
}

/**
 * Steps for the newest MAX_ASSESSED_CHANGES policy commits (merges carry others' changes and are left out),
 * newest first, starting from HEAD's policies as collected (`head`).
 */
export async function readDesiredStates(
  dir: string,
  head: GitPolicySet,
  commits: readonly GitChange[],
  globs: readonly string[],
): Promise<DesiredStateStep[]> {
  const reader = new StateReader(dir, globs);
  let current = policyVersions(head);
  const steps: DesiredStateStep[] = [];
  for (const c of commits.filter((x) => x.files.length > 0).slice(0, MAX_ASSESSED_CHANGES)) {
    const atCommit = await reader.at(c.sha);
    const parent = c.parents[0];
    const atParent: State = parent ? await reader.at(parent) : { versions: new Map() };
    const unknown = atCommit.unknown ?? (atParent.unknown ? `parent ${atParent.unknown}` : undefined);
    steps.push({
      sha: c.sha,
      ...(parent ? { parent } : {}),
      toCommit: delta(current, atCommit.versions),
      toParent: delta(atCommit.versions, atParent.versions),
      ...(unknown ? { unknown: `the desired state could not be determined ${unknown}` } : {}),
    });
    current = atParent.versions;
  }
  return steps;
}
