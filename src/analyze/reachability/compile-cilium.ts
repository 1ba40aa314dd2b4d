// CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy (cilium.io/v2) compiled into the shared rule model.
import type { LabelSelector } from '../../model/kube.js';
import type { OtherPolicy, Service } from '../../model/snapshot.js';
import { compileCiliumPorts } from './cilium-ports.js';
import { andNamespace, ciliumPeers, type PeerScope } from './cilium-peers.js';
import { splitSelector } from './cilium-selector.js';
import { ALL_PORTS, type CompiledRule, type PeerMatcher } from './rules.js';
import type { NamespaceSet, PodSelector, Universe } from './universe.js';

type Raw = Readonly<Record<string, unknown>>;
type Dir = 'ingress' | 'egress';

const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export const CILIUM_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'] as const;

/** An allow rule of Cilium: the shared rule plus the L7 protocols that restrict its ports. */
export interface CiliumRule extends CompiledRule {
  readonly l7: readonly string[];
}

export interface CiliumDirection {
  /** The rule isolates its subjects in this direction (enableDefaultDeny, defaulted from the rules present). */
  readonly defaultDeny: boolean;
  readonly allow: readonly CiliumRule[];
  readonly deny: readonly CompiledRule[];
}

/** One Cilium Rule (spec, or one entry of specs) with its subject. */
export interface CompiledCiliumRule {
  /** "CiliumNetworkPolicy/ns/name spec" or "CiliumClusterwideNetworkPolicy/name specs[1]". */
  readonly path: string;
  readonly subject: { readonly ns: NamespaceSet; readonly pod?: PodSelector } | undefined;
  readonly ingress: CiliumDirection;
  readonly egress: CiliumDirection;
}

export interface CompiledCilium {
  readonly policy: OtherPolicy;
  /** "CiliumNetworkPolicy/ns/name" or "CiliumClusterwideNetworkPolicy/name". */
  readonly ref: string;
  readonly rules: readonly CompiledCiliumRule[];
  /** What the analysis could not follow, each "path: why" (named in reports, never silently dropped). */
  readonly notes: readonly string[];
}

export function isCilium(p: OtherPolicy): boolean {
  return p.apiVersion.startsWith('cilium.io/') && (CILIUM_KINDS as readonly string[]).includes(p.kind);
}

export function ciliumRef(p: Pick<OtherPolicy, 'kind' | 'namespace' | 'name'>): string {
  return p.namespace !== undefined ? `${p.kind}/${p.namespace}/${p.name}` : `${p.kind}/${p.name}`;
}

/** A label selector as written in the CRD (matchLabels / matchExpressions), read leniently (validated at load). */
export function readSel(v: unknown): LabelSelector {
  const r = rec(v) ?? {};
  return {
    ...(rec(r.matchLabels) ? { matchLabels: r.matchLabels as Readonly<Record<string, string>> } : {}),
    ...(Array.isArray(r.matchExpressions)
      ? { matchExpressions: r.matchExpressions as LabelSelector['matchExpressions'] }
      : {}),
  };
}

/** The endpoints a rule applies to: a CNP's are always in its own namespace; a CCNP's anywhere. */
function subjectOf(
  u: Universe,
  p: OtherPolicy,
  spec: Raw,
  path: string,
  notes: string[],
): CompiledCiliumRule['subject'] {
  if (spec.endpointSelector === undefined) {
    if (spec.nodeSelector !== undefined)
      notes.push(
        `${path}.nodeSelector: applies to host endpoints (nodes), which the snapshot does not hold; not analysed`,
      );
    return undefined;
  }
  const s = splitSelector(readSel(spec.endpointSelector));
  if (s.unknown.length || s.reserved.length) {
    notes.push(
      `${path}.endpointSelector: keys ${[...s.unknown, ...s.reserved.map((r) => `reserved:${r}`)].join(', ')} are not held in the snapshot; the rule is treated as selecting no pod`,
    );
    return undefined;
  }
  const ns = u.namespaceSet(p.namespace !== undefined ? andNamespace(s.ns, p.namespace) : s.ns);
  return { ns, pod: u.podSelector(s.pod) };
}

/** One ingress/egress (allow or deny) rule list; one compiled rule per toPorts entry (ports and L7 differ). */
function compileRules(
  u: Universe,
  scope: PeerScope,
  list: unknown,
  path: string,
  deny: boolean,
  notes: string[],
): CiliumRule[] {
  const out: CiliumRule[] = [];
  arr(list).forEach((item, i) => {
    const r = rec(item) ?? {};
    const rpath = `${path}[${i}]`;
    const peers: readonly PeerMatcher[] | 'wildcard' = ciliumPeers(u, scope, r, rpath, deny, notes);
    const ports = arr(r.toPorts);
    if (r.icmps !== undefined) notes.push(`${rpath}.icmps: ICMP is not modelled; not analysed`);
    if (peers === 'wildcard' && ports.length === 0) return; // `{}`: selects nothing, allows nothing.
    const matchers = peers === 'wildcard' ? [{ kind: 'any' } as const] : peers;
    if (ports.length === 0) {
      out.push({ peers: matchers, ports: ALL_PORTS, path: rpath, action: deny ? 'Deny' : 'Allow', l7: [] });
      return;
    }
    ports.forEach((pv, k) => {
      const cp = compileCiliumPorts(pv);
      for (const x of cp.ignored)
        notes.push(`${rpath}.toPorts[${k}]: protocol ${x} is not modelled; not analysed`);
      out.push({
        peers: matchers,
        ports: cp.ports,
        path: `${rpath}.toPorts[${k}]`,
        action: deny ? 'Deny' : 'Allow',
        l7: deny ? [] : cp.l7,
      });
    });
  });
  return out;
}

/** enableDefaultDeny per direction: true by default when the rule has allow or deny rules of that direction. */
function defaultDeny(spec: Raw, dir: Dir): boolean {
  const explicit = rec(spec.enableDefaultDeny)?.[dir];
  if (typeof explicit === 'boolean') return explicit;
  return arr(spec[dir]).length > 0 || arr(spec[`${dir}Deny`]).length > 0;
}

export function compileCilium(u: Universe, p: OtherPolicy, services: readonly Service[]): CompiledCilium {
  const ref = ciliumRef(p);
  const notes: string[] = [];
  const specs: { spec: Raw; at: string }[] = [];
  if (rec(p.spec)?.endpointSelector !== undefined || rec(p.spec)?.nodeSelector !== undefined)
    specs.push({ spec: p.spec, at: 'spec' });
  (p.specs ?? []).forEach((s, i) => specs.push({ spec: rec(s) ?? {}, at: `specs[${i}]` }));
  const rules = specs.map(({ spec, at }): CompiledCiliumRule => {
    const path = `${ref} ${at}`;
    const scope: PeerScope = { namespace: p.namespace, services };
    const dir = (d: Dir): CiliumDirection => ({
      defaultDeny: defaultDeny(spec, d),
      allow: compileRules(u, scope, spec[d], `${path}.${d}`, false, notes),
      deny: compileRules(u, scope, spec[`${d}Deny`], `${path}.${d}Deny`, true, notes),
    });
    return {
      path,
      subject: subjectOf(u, p, spec, path, notes),
      ingress: dir('ingress'),
      egress: dir('egress'),
    };
  });
  return { policy: p, ref, rules, notes };
}
