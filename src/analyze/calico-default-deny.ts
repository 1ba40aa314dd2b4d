// Calico policies that act as a namespace's default deny: a policy selecting every pod there (`selector:
// all()`, a GlobalNetworkPolicy whose namespaceSelector covers the namespace), whose types include the
// direction, whose tier denies what it does not decide (defaultAction Deny), and with no rule that allows or
// passes everything. Traffic its rules do not allow is then denied at the end of its tier.
import type { CompiledCalico } from './reachability/compile-calico.js';
import type { Engine } from './reachability/engine.js';
import type { CalicoEntity, CalicoRule } from './calico-policy.js';

type Dir = 'ingress' | 'egress';

const emptyEntity = (e: CalicoEntity): boolean => Object.keys(e).length === 0;

/** A rule that lets everything on (to the pod, or to the next tier). */
export function catchAll(r: CalicoRule): boolean {
  return (
    (r.action === 'Allow' || r.action === 'Pass') &&
    r.protocol === undefined &&
    r.notProtocol === undefined &&
    emptyEntity(r.source) &&
    emptyEntity(r.destination)
  );
}

function coversNamespace(engine: Engine, p: CompiledCalico, ns: number): boolean {
  const pol = p.policy;
  if (p.notAnalysed || pol.selector.op !== 'all' || pol.serviceAccountSelector) return false;
  const name = engine.u.namespaces[ns]?.name;
  if (pol.namespace !== undefined) return pol.namespace === name;
  return !pol.namespaceSelector || engine.calico.ctx.sel(pol.namespaceSelector).ns(ns);
}

/** Refs of the Calico policies that default-deny `dir` for namespace `ns` (by index). */
export function calicoDefaultDenies(engine: Engine, ns: number, dir: Dir): string[] {
  return engine.calico.policies
    .filter(
      (p) =>
        p[dir] !== undefined &&
        p.tier.defaultAction === 'Deny' &&
        coversNamespace(engine, p, ns) &&
        !(p.policy[dir] ?? []).some(catchAll),
    )
    .map((p) => p.ref);
}
