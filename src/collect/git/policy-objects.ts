// The policy objects (NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, Cilium) a manifest text declares.
import type { CollectionWarning } from '../../model/snapshot.js';
import type { PolicyChangeLog } from '../../model/git.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { parseManifestText } from '../manifests/load-manifests.js';
import { formatProblem } from '../../model/errors.js';

export interface PolicyObject {
  readonly kind: PolicyChangeLog['kind'];
  readonly namespace?: string;
  readonly name: string;
  /** The spec as canonical JSON: equal text means an unchanged policy. */
  readonly specJson: string;
}

export const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Stable key of a policy object. */
export function policyKey(o: { kind: string; namespace?: string; name: string }): string {
  return `${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/** Parses `text` into `b` and returns the problems as warnings (history and Git files never abort a run). */
export function parseInto(text: string, file: string, b: SnapshotBuilder): CollectionWarning[] {
  return parseManifestText(text, file, b).map((p) => ({ where: file, message: formatProblem(p) }));
}

/** The policy objects of one file version. */
export function policyObjectsOf(
  text: string,
  file: string,
): { objects: PolicyObject[]; warnings: CollectionWarning[] } {
  const b = new SnapshotBuilder();
  const problems = parseInto(text, file, b);
  // One warning per file version: history can hold many versions of one broken file.
  const first = problems[0];
  const warnings =
    first && problems.length > 1
      ? [{ where: file, message: `${first.message} (and ${problems.length - 1} more problems)` }]
      : problems;
  const objects: PolicyObject[] = [
    ...b.networkPolicies.map((p) => ({
      kind: 'NetworkPolicy' as const,
      namespace: p.namespace,
      name: p.name,
      specJson: canonical(p.spec),
    })),
    ...b.adminNetworkPolicies.map((p) => ({
      kind: 'AdminNetworkPolicy' as const,
      name: p.name,
      specJson: canonical({ priority: p.priority, spec: p.spec }),
    })),
    ...b.baselineAdminNetworkPolicies.map((p) => ({
      kind: 'BaselineAdminNetworkPolicy' as const,
      name: p.name,
      specJson: canonical(p.spec),
    })),
    // Cilium policies are analysed, so their changes are change-managed like the others'.
    ...b.otherPolicies
      .filter((p) => p.apiVersion.startsWith('cilium.io/'))
      .map((p) => ({
        kind: p.kind as 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy',
        ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
        name: p.name,
        specJson: canonical({ spec: p.spec, specs: p.specs }),
      })),
  ];
  return { objects, warnings };
}
