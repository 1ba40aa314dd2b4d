// The peers of one Cilium rule: endpoints, entities, CIDRs, Services and FQDNs, as cilium.io/v2 defines them.
import type { LabelSelector } from '../../model/kube.js';
import type { Service } from '../../model/snapshot.js';
import { ALL_IPV4, cidrSet, normalizeIps, subtractIps, type IpRange } from '../ip-blocks.js';
import { NAMESPACE_NAME_LABEL } from '../selectors.js';
import { splitSelector, type SplitSelector } from './cilium-selector.js';
import type { PeerMatcher } from './rules.js';
import type { Universe } from './universe.js';

type Raw = Readonly<Record<string, unknown>>;

const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

export interface PeerScope {
  /** The policy's namespace (CiliumNetworkPolicy); undefined for the cluster-wide kind. */
  readonly namespace: string | undefined;
  readonly services: readonly Service[];
}

/** Entities with no endpoint in the snapshot: nodes, the API server, Cilium's own and unmanaged endpoints. */
const UNMODELLED_ENTITIES = new Set([
  'host',
  'remote-node',
  'kube-apiserver',
  'init',
  'health',
  'unmanaged',
  'ingress',
]);

/** The L3 peer fields of a rule (from* on ingress, to* on egress); toPorts and icmps are not peers. */
const PEER_FIELDS = [
  'fromEndpoints',
  'fromEntities',
  'fromCIDR',
  'fromCIDRSet',
  'fromRequires',
  'fromNodes',
  'fromGroups',
  'toEndpoints',
  'toEntities',
  'toCIDR',
  'toCIDRSet',
  'toServices',
  'toFQDNs',
  'toRequires',
  'toNodes',
  'toGroups',
];

/** Adds a namespace-name requirement; a selector that already names another namespace then selects none. */
export function andNamespace(sel: LabelSelector, name: string): LabelSelector {
  const have = sel.matchLabels?.[NAMESPACE_NAME_LABEL];
  if (have !== undefined && have !== name)
    return {
      ...sel,
      matchExpressions: [
        ...(sel.matchExpressions ?? []),
        { key: NAMESPACE_NAME_LABEL, operator: 'In', values: [name] },
      ],
    };
  return { ...sel, matchLabels: { ...sel.matchLabels, [NAMESPACE_NAME_LABEL]: name } };
}

/** `world` is everything outside the cluster (IPv4 here), `cluster` every pod, `all` both. */
function entity(name: string, path: string, notes: string[]): PeerMatcher {
  if (name === 'all') return { kind: 'any' };
  if (name === 'world' || name === 'world-ipv4') return { kind: 'ip', set: ALL_IPV4, path };
  if (name === 'cluster') return { kind: 'pods', ns: { type: 'all' }, path };
  if (name === 'world-ipv6') notes.push(`${path}: world-ipv6 is outside the IPv4 analysis; not analysed`);
  else if (UNMODELLED_ENTITIES.has(name))
    notes.push(`${path}: entity ${name} has no endpoint in the snapshot; not analysed`);
  else notes.push(`${path}: unknown entity ${name}; matches nothing`);
  return { kind: 'none', path };
}

/**
 * An endpoint selector peer. A CiliumNetworkPolicy's selector is limited to the policy's namespace unless it
 * names the namespace (`k8s:io.kubernetes.pod.namespace`) or namespace labels
 * (`io.cilium.k8s.namespace.labels.*`); a clusterwide policy's selector spans every namespace.
 */
function endpoints(
  u: Universe,
  scope: PeerScope,
  sel: LabelSelector,
  path: string,
  deny: boolean,
  notes: string[],
): PeerMatcher[] {
  const s: SplitSelector = splitSelector(sel);
  if (s.reserved.length) return s.reserved.map((r) => entity(r, path, notes));
  if (s.unknown.length) {
    notes.push(
      `${path}: keys ${s.unknown.join(', ')} are not held in the snapshot; ${deny ? 'the deny matches no pod' : 'they are ignored (the allow may be wider than enforced)'}`,
    );
    if (deny) return [{ kind: 'none', path }];
  }
  const nsSel =
    scope.namespace !== undefined && !s.namesNamespace ? andNamespace(s.ns, scope.namespace) : s.ns;
  return [{ kind: 'pods', ns: u.namespaceSet(nsSel), pod: u.podSelector(s.pod), path }];
}

function cidrs(
  list: readonly { cidr: string; except: readonly string[] }[],
  path: string,
  notes: string[],
): PeerMatcher {
  const ranges: IpRange[] = [];
  for (const c of list) {
    const outer = cidrSet(c.cidr);
    if (!outer) {
      notes.push(`${path}: ${c.cidr} is outside the IPv4 analysis; not analysed`);
      continue;
    }
    const except = normalizeIps(c.except.flatMap((e) => cidrSet(e) ?? []));
    ranges.push(...subtractIps(outer, except));
  }
  return { kind: 'ip', set: normalizeIps(ranges), path };
}

/** toServices: a Service with a selector stands for the pods it selects; others have no known addresses here. */
function services(scope: PeerScope, v: unknown, path: string, notes: string[], u: Universe): PeerMatcher[] {
  return arr(v).map((item, i): PeerMatcher => {
    const p = `${path}[${i}]`;
    const r = rec(item) ?? {};
    const byName = rec(r.k8sService);
    if (!byName) {
      notes.push(
        `${p}: services are selected by their labels, which the snapshot does not keep; not analysed`,
      );
      return { kind: 'none', path: p };
    }
    const ns =
      typeof byName.namespace === 'string' && byName.namespace
        ? byName.namespace
        : (scope.namespace ?? 'default');
    const svc = scope.services.find((s) => s.namespace === ns && s.name === byName.serviceName);
    if (!svc?.selector) {
      notes.push(
        `${p}: Service ${ns}/${String(byName.serviceName)} ${svc ? 'has no selector (its endpoints are not kept)' : 'is not in the snapshot'}; not analysed`,
      );
      return { kind: 'none', path: p };
    }
    return {
      kind: 'pods',
      ns: u.namespaceSet({ matchLabels: { [NAMESPACE_NAME_LABEL]: ns } }),
      pod: u.podSelector({ matchLabels: svc.selector }),
      path: p,
    };
  });
}

/**
 * The peers of a rule, or 'wildcard' when it names none (an L4-only rule applies to every peer). Peer fields
 * are alternatives: a rule matches a peer that any of them matches.
 */
export function ciliumPeers(
  u: Universe,
  scope: PeerScope,
  r: Raw,
  path: string,
  deny: boolean,
  notes: string[],
): readonly PeerMatcher[] | 'wildcard' {
  if (!PEER_FIELDS.some((f) => arr(r[f]).length > 0)) return 'wildcard';
  const out: PeerMatcher[] = [];
  for (const f of ['fromEndpoints', 'toEndpoints'])
    arr(r[f]).forEach((s, i) =>
      out.push(...endpoints(u, scope, s as LabelSelector, `${path}.${f}[${i}]`, deny, notes)),
    );
  for (const f of ['fromEntities', 'toEntities'])
    strs(r[f]).forEach((e, i) => out.push(entity(e, `${path}.${f}[${i}]`, notes)));
  for (const f of ['fromCIDR', 'toCIDR'])
    if (arr(r[f]).length)
      out.push(
        cidrs(
          strs(r[f]).map((cidr) => ({ cidr, except: [] })),
          `${path}.${f}`,
          notes,
        ),
      );
  for (const f of ['fromCIDRSet', 'toCIDRSet'])
    arr(r[f]).forEach((c, i) => {
      const x = rec(c) ?? {};
      const p = `${path}.${f}[${i}]`;
      if (typeof x.cidr === 'string') out.push(cidrs([{ cidr: x.cidr, except: strs(x.except) }], p, notes));
      else {
        notes.push(`${p}: CiliumCIDRGroup references are not read; not analysed`);
        out.push({ kind: 'none', path: p });
      }
    });
  if (r.toServices !== undefined) out.push(...services(scope, r.toServices, `${path}.toServices`, notes, u));
  arr(r.toFQDNs).forEach((f, i) => {
    const x = rec(f) ?? {};
    const name = typeof x.matchName === 'string' ? x.matchName : String(x.matchPattern);
    notes.push(`${path}.toFQDNs[${i}]: ${name} is kept as a host allowance; its addresses are unknown`);
    out.push({ kind: 'none', path: `${path}.toFQDNs[${i}]` });
  });
  for (const f of ['fromRequires', 'toRequires', 'fromNodes', 'toNodes', 'fromGroups', 'toGroups'])
    if (arr(r[f]).length) {
      notes.push(
        `${path}.${f}: not analysed${f.endsWith('Requires') ? ' (the requirement is not applied)' : '; matches nothing'}`,
      );
      if (!f.endsWith('Requires')) out.push({ kind: 'none', path: `${path}.${f}` });
    }
  return out;
}
