// Label selectors exactly as meta/v1 LabelSelector defines them: matchLabels AND every matchExpression.
import type { LabelSelector, Labels } from '../model/kube.js';
import type { Namespace } from '../model/snapshot.js';

/** The label every namespace carries implicitly since Kubernetes 1.21 (NamespaceDefaultLabelName). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** True when `labels` satisfy `sel`; an empty selector ({}) selects everything. */
export function matchesSelector(labels: Labels, sel: LabelSelector): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(value as string)) return false;
        break;
      case 'NotIn':
        // NotIn matches objects that do not have the key at all.
        if (has && (e.values ?? []).includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** True when the selector has no requirement at all and so selects every object. */
export function isEmptySelector(sel: LabelSelector | undefined): boolean {
  return (
    sel !== undefined &&
    Object.keys(sel.matchLabels ?? {}).length === 0 &&
    (sel.matchExpressions ?? []).length === 0
  );
}

/** A namespace's labels as selectors see them: written labels plus the implicit name label. */
export function namespaceLabels(ns: Pick<Namespace, 'name' | 'labels'>): Labels {
  return { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name };
}

/** A canonical text for a selector, to cache evaluations of identical selectors. */
export function selectorKey(sel: LabelSelector | undefined): string {
  if (sel === undefined) return '-';
  const ml = Object.entries(sel.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const me = (sel.matchExpressions ?? []).map((e) => [e.key, e.operator, [...(e.values ?? [])].sort()]);
  return JSON.stringify([ml, me]);
}
