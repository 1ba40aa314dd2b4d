// Rewrites a synthetic NetworkPolicy as a Calico projectcalico.org/v3 NetworkPolicy of the same meaning, for
// the mixed-policy bench: in Calico's default tier, Allow-only policies union their rules and the end of the
// tier denies the rest, as NetworkPolicies do.
import type { Raw } from '../src/collect/objects/raw.js';

type Sel = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

const q = (v: string): string => `'${v}'`;

/** A LabelSelector in Calico's selector language ({} is all()). */
export function calicoSelector(sel: Sel | undefined): string {
  const parts = [
    ...Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k} == ${q(v)}`),
    ...(sel?.matchExpressions ?? []).map((e) => {
      const vs = `{${(e.values ?? []).map(q).join(', ')}}`;
      if (e.operator === 'In') return `${e.key} in ${vs}`;
      if (e.operator === 'NotIn') return `${e.key} not in ${vs}`;
      return e.operator === 'Exists' ? `has(${e.key})` : `!has(${e.key})`;
    }),
  ];
  return parts.length ? parts.join(' && ') : 'all()';
}

/** A NetworkPolicy peer as a Calico entity: podSelector in the policy's namespace, namespaceSelector, or nets. */
function entity(peer: Raw): Raw {
  const block = peer.ipBlock as { cidr: string; except?: string[] } | undefined;
  if (block) return { nets: [block.cidr], ...(block.except?.length ? { notNets: block.except } : {}) };
  return {
    ...(peer.podSelector ? { selector: calicoSelector(peer.podSelector as Sel) } : {}),
    ...(peer.namespaceSelector ? { namespaceSelector: calicoSelector(peer.namespaceSelector as Sel) } : {}),
  };
}

/** Ports grouped by protocol (a Calico rule has one protocol); [] when the rule names no port. */
function byProtocol(list: unknown): { protocol: string; ports?: (number | string)[] }[] {
  const ps = (list ?? []) as { protocol?: string; port?: number | string; endPort?: number }[];
  const groups = new Map<string, (number | string)[] | undefined>();
  for (const p of ps) {
    const proto = p.protocol ?? 'TCP';
    if (p.port === undefined) groups.set(proto, undefined);
    else if (!groups.has(proto) || groups.get(proto))
      groups.set(proto, [...(groups.get(proto) ?? []), p.endPort ? `${p.port}:${p.endPort}` : p.port]);
  }
  return [...groups].map(([protocol, ports]) => ({ protocol, ...(ports ? { ports } : {}) }));
}

function rules(r: Raw, dir: 'ingress' | 'egress'): Raw[] {
  const peers = (r[dir === 'ingress' ? 'from' : 'to'] ?? []) as Raw[];
  const sides = peers.length ? peers.map(entity) : [{}];
  const protos = byProtocol(r.ports);
  const out: Raw[] = [];
  for (const side of sides)
    for (const p of protos.length ? protos : [undefined]) {
      const dst = p?.ports ? { ports: p.ports } : {};
      out.push({
        action: 'Allow',
        ...(p ? { protocol: p.protocol } : {}),
        ...(dir === 'ingress'
          ? {
              ...(Object.keys(side).length ? { source: side } : {}),
              ...(Object.keys(dst).length ? { destination: dst } : {}),
            }
          : { ...(Object.keys({ ...side, ...dst }).length ? { destination: { ...side, ...dst } } : {}) }),
      });
    }
  return out;
}

/** The same policy as a Calico NetworkPolicy in the default tier. */
export function toCalicoPolicy(np: Raw): Raw {
  const spec = np.spec as Raw;
  const types = (spec.policyTypes as string[] | undefined) ?? [
    'Ingress',
    ...(((spec.egress as unknown[]) ?? []).length ? ['Egress'] : []),
  ];
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: np.metadata,
    spec: {
      selector: calicoSelector(spec.podSelector as Sel),
      types,
      ...(types.includes('Ingress')
        ? { ingress: ((spec.ingress ?? []) as Raw[]).flatMap((r) => rules(r, 'ingress')) }
        : {}),
      ...(types.includes('Egress')
        ? { egress: ((spec.egress ?? []) as Raw[]).flatMap((r) => rules(r, 'egress')) }
        : {}),
    },
  };
}
