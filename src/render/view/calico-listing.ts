// Calico objects in the report's policy appendix, written back as the manifests they were collected from.
import { stringify } from 'yaml';
import { calicoGroup } from '../../analyze/calico-policy.js';
import type { OtherPolicy } from '../../model/snapshot.js';

/** How the scope section names a Calico object. */
export const CALICO_ANALYSED =
  'analysed with Calico semantics (tiers, order, Pass, network sets; what is not analysed is named in the README "Known limits")';

/** Calico policies, tiers and network sets (analysed like the Kubernetes kinds), at most `limit`. */
export function calicoManifests(objects: readonly OtherPolicy[], limit: number): string[] {
  return objects
    .filter((p) => calicoGroup(p.apiVersion))
    .slice(0, limit)
    .map((p) =>
      stringify({
        apiVersion: p.apiVersion,
        kind: p.kind,
        metadata: {
          name: p.name,
          ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
          ...(p.labels ? { labels: p.labels } : {}),
        },
        spec: p.spec,
      }),
    );
}
