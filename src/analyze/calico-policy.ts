// Calico NetworkPolicy / GlobalNetworkPolicy (projectcalico.org/v3, crd.projectcalico.org/v1) read from the
// raw spec the snapshot carries into typed values, with every problem named by its field path.
import type { OtherPolicy } from '../model/snapshot.js';
import {
  CALICO_ALL,
  CalicoSelectorError,
  parseCalicoSelector,
  type CalicoSelector,
} from './calico-selector.js';

export type CalicoAction = 'Allow' | 'Deny' | 'Pass' | 'Log';
export type CalicoPort = { readonly from: number; readonly to: number } | { readonly name: string };
type Path = readonly (string | number)[];

/** A rule's source or destination (Calico "EntityRule"). */
export interface CalicoEntity {
  readonly selector?: CalicoSelector;
  readonly notSelector?: CalicoSelector;
  readonly namespaceSelector?: CalicoSelector;
  readonly nets?: readonly string[];
  readonly notNets?: readonly string[];
  readonly ports?: readonly CalicoPort[];
  readonly notPorts?: readonly CalicoPort[];
  readonly serviceAccounts?: { readonly names?: readonly string[]; readonly selector?: CalicoSelector };
  readonly services?: { readonly name: string; readonly namespace?: string };
  /** Calico Enterprise destination domains: kept as host allowances, their addresses are unknown. */
  readonly domains?: readonly string[];
}

export interface CalicoRule {
  readonly action: CalicoAction;
  readonly protocol?: string | number;
  readonly notProtocol?: string | number;
  readonly ipVersion?: number;
  readonly source: CalicoEntity;
  readonly destination: CalicoEntity;
  /** Layer-7 (http) or ICMP type matches: recorded, never widened. */
  readonly http: boolean;
}

export interface CalicoPolicy {
  readonly kind: 'NetworkPolicy' | 'GlobalNetworkPolicy';
  readonly apiVersion: string;
  /** Namespace of a NetworkPolicy; undefined for a GlobalNetworkPolicy. */
  readonly namespace?: string;
  /** The name as the projectcalico.org/v3 API shows it (v1 CRDs' "default." tier prefix removed). */
  readonly name: string;
  readonly tier: string;
  /** Undefined: evaluated after every policy with an order (Calico: "infinite"). */
  readonly order?: number;
  readonly selector: CalicoSelector;
  readonly namespaceSelector?: CalicoSelector;
  readonly serviceAccountSelector?: CalicoSelector;
  readonly ingress?: readonly CalicoRule[];
  readonly egress?: readonly CalicoRule[];
  readonly doNotTrack: boolean;
  readonly preDNAT: boolean;
  readonly applyOnForward: boolean;
}

export interface CalicoProblem {
  readonly path: Path;
  readonly message: string;
}

const CALICO_GROUPS = new Set(['projectcalico.org', 'crd.projectcalico.org']);
const POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy']);
const ACTIONS = new Set<CalicoAction>(['Allow', 'Deny', 'Pass', 'Log']);

type Raw = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;

export function calicoGroup(apiVersion: string): boolean {
  return CALICO_GROUPS.has(apiVersion.split('/')[0] ?? '');
}

/** A Calico policy kind (not a Kubernetes NetworkPolicy, which shares the kind name). */
export function isCalicoPolicy(p: Pick<OtherPolicy, 'apiVersion' | 'kind'>): boolean {
  return calicoGroup(p.apiVersion) && POLICY_KINDS.has(p.kind);
}

/** Display name: crd.projectcalico.org/v1 stores default-tier policies as "default.<name>". */
export function calicoName(p: Pick<OtherPolicy, 'apiVersion' | 'name' | 'spec'>): string {
  const tier = typeof p.spec.tier === 'string' && p.spec.tier !== '' ? p.spec.tier : 'default';
  if (
    p.apiVersion.startsWith('crd.projectcalico.org/') &&
    tier === 'default' &&
    p.name.startsWith('default.')
  )
    return p.name.slice('default.'.length);
  return p.name;
}

class Read {
  readonly problems: CalicoProblem[] = [];
  selector(v: unknown, path: Path): CalicoSelector | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return this.fail(path, 'must be a string (a Calico selector)');
    try {
      return parseCalicoSelector(v);
    } catch (e) {
      if (!(e instanceof CalicoSelectorError)) throw e;
      return this.fail(path, `not a valid Calico selector: ${e.message}`);
    }
  }
  strings(v: unknown, path: Path): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      return this.fail(path, 'must be a list of strings');
    return v as string[];
  }
  ports(v: unknown, path: Path): CalicoPort[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return this.fail(path, 'must be a list of ports');
    const out: CalicoPort[] = [];
    v.forEach((p: unknown, i) => {
      const m = typeof p === 'string' ? /^(\d+):(\d+)$/.exec(p) : null;
      if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 65535) out.push({ from: p, to: p });
      else if (m && Number(m[1]) <= Number(m[2]) && Number(m[2]) <= 65535)
        out.push({ from: Number(m[1]), to: Number(m[2]) });
      else if (typeof p === 'string' && /^\d+$/.test(p) && Number(p) <= 65535)
        out.push({ from: Number(p), to: Number(p) });
      else if (typeof p === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p)) out.push({ name: p });
      else this.fail([...path, i], 'must be a port number, a range "from:to" or a port name');
    });
    return out;
  }
  fail(path: Path, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }
}

function serviceAccounts(r: Read, sa: Raw, path: Path): NonNullable<CalicoEntity['serviceAccounts']> {
  const names = r.strings(sa.names, [...path, 'names']);
  const selector = r.selector(sa.selector, [...path, 'selector']);
  return { ...(names ? { names } : {}), ...(selector ? { selector } : {}) };
}

function entity(r: Read, v: unknown, path: Path): CalicoEntity {
  const e = rec(v) ?? {};
  const sa = rec(e.serviceAccounts);
  const svc = rec(e.services);
  const def = <K extends keyof CalicoEntity>(k: K, x: CalicoEntity[K] | undefined): Partial<CalicoEntity> =>
    x === undefined ? {} : { [k]: x };
  return {
    ...def('selector', r.selector(e.selector, [...path, 'selector'])),
    ...def('notSelector', r.selector(e.notSelector, [...path, 'notSelector'])),
    ...def('namespaceSelector', r.selector(e.namespaceSelector, [...path, 'namespaceSelector'])),
    ...def('nets', r.strings(e.nets, [...path, 'nets'])),
    ...def('notNets', r.strings(e.notNets, [...path, 'notNets'])),
    ...def('ports', r.ports(e.ports, [...path, 'ports'])),
    ...def('notPorts', r.ports(e.notPorts, [...path, 'notPorts'])),
    ...def('domains', r.strings(e.domains, [...path, 'domains'])),
    ...(sa ? { serviceAccounts: serviceAccounts(r, sa, [...path, 'serviceAccounts']) } : {}),
    ...(svc && typeof svc.name === 'string'
      ? {
          services: {
            name: svc.name,
            ...(typeof svc.namespace === 'string' ? { namespace: svc.namespace } : {}),
          },
        }
      : {}),
  };
}

function rules(r: Read, v: unknown, path: Path): CalicoRule[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return r.fail(path, 'must be a list of rules') ?? [];
  return v.map((item: unknown, i) => {
    const x = rec(item) ?? {};
    const action = x.action;
    if (!ACTIONS.has(action as CalicoAction))
      r.fail([...path, i, 'action'], 'must be one of Allow, Deny, Pass, Log');
    const proto = (k: 'protocol' | 'notProtocol'): Partial<CalicoRule> =>
      typeof x[k] === 'string' || typeof x[k] === 'number' ? { [k]: x[k] } : {};
    return {
      action: ACTIONS.has(action as CalicoAction) ? (action as CalicoAction) : 'Deny',
      ...proto('protocol'),
      ...proto('notProtocol'),
      ...(typeof x.ipVersion === 'number' ? { ipVersion: x.ipVersion } : {}),
      source: entity(r, x.source, [...path, i, 'source']),
      destination: entity(r, x.destination, [...path, i, 'destination']),
      http: x.http !== undefined || x.icmp !== undefined || x.notICMP !== undefined,
    };
  });
}

/** Reads a Calico policy; problems name the field ("spec.ingress[0].source.selector") and never throw. */
export function readCalicoPolicy(p: OtherPolicy): { policy: CalicoPolicy; problems: CalicoProblem[] } {
  const r = new Read();
  const s = p.spec;
  const ingress = rules(r, s.ingress, ['spec', 'ingress']);
  const egress = rules(r, s.egress, ['spec', 'egress']);
  const types = r.strings(s.types, ['spec', 'types']);
  for (const [i, t] of (types ?? []).entries())
    if (t !== 'Ingress' && t !== 'Egress') r.fail(['spec', 'types', i], 'must be Ingress or Egress');
  // Calico's default for a missing `types`: Egress alone when only egress rules exist, else Ingress (+ Egress).
  const hasIn = types ? types.includes('Ingress') : ingress.length > 0 || egress.length === 0;
  const hasEg = types ? types.includes('Egress') : egress.length > 0;
  const order = typeof s.order === 'number' ? s.order : undefined;
  if (s.order !== undefined && s.order !== null && order === undefined)
    r.fail(['spec', 'order'], 'must be a number');
  const kind = p.kind === 'GlobalNetworkPolicy' ? 'GlobalNetworkPolicy' : 'NetworkPolicy';
  const nsSel =
    kind === 'GlobalNetworkPolicy'
      ? r.selector(s.namespaceSelector, ['spec', 'namespaceSelector'])
      : undefined;
  const saSel = r.selector(s.serviceAccountSelector, ['spec', 'serviceAccountSelector']);
  const policy: CalicoPolicy = {
    kind,
    apiVersion: p.apiVersion,
    ...(kind === 'NetworkPolicy' ? { namespace: p.namespace ?? 'default' } : {}),
    name: calicoName(p),
    tier: typeof s.tier === 'string' && s.tier !== '' ? s.tier : 'default',
    ...(order !== undefined ? { order } : {}),
    selector: r.selector(s.selector, ['spec', 'selector']) ?? CALICO_ALL,
    ...(nsSel ? { namespaceSelector: nsSel } : {}),
    ...(saSel ? { serviceAccountSelector: saSel } : {}),
    ...(hasIn ? { ingress } : {}),
    ...(hasEg ? { egress } : {}),
    doNotTrack: s.doNotTrack === true,
    preDNAT: s.preDNAT === true,
    applyOnForward: s.applyOnForward === true,
  };
  return { policy, problems: r.problems };
}

/** "Calico GlobalNetworkPolicy name" or "Calico NetworkPolicy ns/name": how findings name the CRD. */
export function calicoRef(p: Pick<CalicoPolicy, 'kind' | 'namespace' | 'name'>): string {
  return p.namespace === undefined
    ? `Calico ${p.kind} ${p.name}`
    : `Calico ${p.kind} ${p.namespace}/${p.name}`;
}
