// Cilium policies in a comparable form: what the API server would store for what Git writes.
import type { OtherPolicy } from '../../model/snapshot.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Drops what does not change the stored policy: null and empty values (`matchLabels: {}`, `toPorts: []`),
 * and writes ports as the strings the CRD stores ("80", not 80). Rule lists keep their order and their
 * empty rules (`ingress: [{}]` isolates). An absent protocol stays absent: the CRD has no default for it.
 */
function clean(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v.map((x) => clean(x, '') ?? {});
  if (isObject(v)) {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) {
      const c = clean(v[k], k);
      if (c === undefined) continue;
      if ((Array.isArray(c) || isObject(c)) && Object.keys(c).length === 0 && !RULE_LISTS.has(k)) continue;
      out[k] = c;
    }
    return out;
  }
  if (v === null) return undefined;
  if (key === 'port' && typeof v === 'number') return String(v);
  return v;
}

/** Lists whose presence matters even when empty or made of empty rules. */
const RULE_LISTS = new Set([
  'ingress',
  'egress',
  'ingressDeny',
  'egressDeny',
  'endpointSelector',
  'nodeSelector',
]);

/** `spec` and `specs` as one comparable value. */
export function normalizeCiliumPolicy(p: Pick<OtherPolicy, 'spec' | 'specs'>): unknown {
  return {
    ...(Object.keys(p.spec).length ? { spec: clean(p.spec, 'spec') } : {}),
    ...(p.specs?.length ? { specs: clean(p.specs, 'specs') } : {}),
  };
}
