// AdminNetworkPolicy / BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) compiled as data.
import type { LabelSelector, Protocol } from '../../model/kube.js';
import type { AdminNetworkPolicy, BaselineAdminNetworkPolicy } from '../../model/snapshot.js';
import { cidrSet, normalizeIps, type IpRange } from '../ip-blocks.js';
import { PortSet } from '../port-set.js';
import { ALL_PORTS, type Action, type CompiledRule, type PeerMatcher, type PortSpec } from './rules.js';
import type { NamespaceSet, PodSelector, Universe } from './universe.js';

type Raw = Readonly<Record<string, unknown>>;

export interface CompiledAdmin {
  /** "AdminNetworkPolicy/name" or "BaselineAdminNetworkPolicy/name". */
  readonly ref: string;
  readonly priority: number;
  readonly subject: { readonly ns: NamespaceSet; readonly pod?: PodSelector };
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  /** IPv6 `networks` left out of the IPv4 analysis. */
  readonly ignoredNetworks: readonly string[];
}

const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const sel = (v: unknown): LabelSelector => (rec(v) ?? {}) as LabelSelector;
const proto = (v: unknown): Protocol => (v === 'UDP' || v === 'SCTP' ? v : 'TCP');

/** namespaces: sel -> every pod there; pods: {namespaceSelector, podSelector} -> both must match. */
function podsTarget(u: Universe, v: Raw): { ns: NamespaceSet; pod?: PodSelector } | undefined {
  const nss = rec(v.namespaces);
  if (nss) return { ns: u.namespaceSet(nss as LabelSelector) };
  const pods = rec(v.pods);
  if (pods)
    return { ns: u.namespaceSet(sel(pods.namespaceSelector)), pod: u.podSelector(sel(pods.podSelector)) };
  return undefined;
}

function compilePorts(v: unknown): PortSpec {
  const list = arr(v);
  if (!Array.isArray(v)) return ALL_PORTS;
  let fixed = PortSet.empty;
  const named: { name: string }[] = [];
  for (const item of list) {
    const p = rec(item) ?? {};
    const num = rec(p.portNumber);
    const range = rec(p.portRange);
    if (num && typeof num.port === 'number')
      fixed = fixed.union(PortSet.range(proto(num.protocol), num.port, num.port));
    else if (range && typeof range.start === 'number' && typeof range.end === 'number')
      fixed = fixed.union(PortSet.range(proto(range.protocol), range.start, range.end));
    else if (typeof p.namedPort === 'string') named.push({ name: p.namedPort });
  }
  return { fixed, named };
}

function compileRules(
  u: Universe,
  ref: string,
  dir: 'ingress' | 'egress',
  v: unknown,
  ignored: string[],
): CompiledRule[] {
  const field = dir === 'ingress' ? 'from' : 'to';
  return arr(v).map((item, i) => {
    const r = rec(item) ?? {};
    const path = `${ref} spec.${dir}[${i}]`;
    const peers: PeerMatcher[] = arr(r[field]).map((pv, j) => {
      const p = rec(pv) ?? {};
      const ppath = `${path}.${field}[${j}]`;
      const target = podsTarget(u, p);
      if (target) return { kind: 'pods', ...target, path: ppath };
      if (Array.isArray(p.networks)) {
        const ranges: IpRange[] = [];
        for (const n of p.networks) {
          const s = typeof n === 'string' ? cidrSet(n) : undefined;
          if (s) ranges.push(...s);
          else ignored.push(String(n));
        }
        return { kind: 'ip', set: normalizeIps(ranges), path: ppath };
      }
      return { kind: 'none', path: ppath };
    });
    const action: Action =
      r.action === 'Allow' || r.action === 'Deny' || r.action === 'Pass' ? r.action : 'Deny';
    return { peers, ports: compilePorts(r.ports), path, action };
  });
}

function compile(u: Universe, ref: string, priority: number, spec: Raw): CompiledAdmin {
  const ignored: string[] = [];
  const subject = podsTarget(u, rec(spec.subject) ?? {}) ?? {
    ns: { type: 'some', has: new Uint8Array(0), list: [] },
  };
  return {
    ref,
    priority,
    subject,
    ingress: compileRules(u, ref, 'ingress', spec.ingress, ignored),
    egress: compileRules(u, ref, 'egress', spec.egress, ignored),
    ignoredNetworks: ignored,
  };
}

/** ANPs in precedence order: lower priority number first, then by name for a stable order. */
export function compileAdmins(u: Universe, anps: readonly AdminNetworkPolicy[]): CompiledAdmin[] {
  return [...anps]
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => compile(u, `AdminNetworkPolicy/${a.name}`, a.priority, a.spec));
}

export function compileBaselines(u: Universe, banps: readonly BaselineAdminNetworkPolicy[]): CompiledAdmin[] {
  return banps.map((b) => compile(u, `BaselineAdminNetworkPolicy/${b.name}`, 0, b.spec));
}
