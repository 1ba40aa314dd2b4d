// Calico Tiers, GlobalNetworkSets and NetworkSets read from the snapshot's CNI objects.
import type { Labels } from '../model/kube.js';
import type { OtherPolicy } from '../model/snapshot.js';
import { calicoGroup } from './calico-policy.js';
import { cidrSet, normalizeIps, type IpRange, type IpSet } from './ip-blocks.js';

/** A tier: `order` undefined sorts last; `defaultAction` applies when the tier selects but no rule decides. */
export interface CalicoTier {
  readonly name: string;
  readonly order?: number;
  readonly defaultAction: 'Deny' | 'Pass';
}

/** A named address set; `namespace` undefined for a GlobalNetworkSet. */
export interface CalicoNetworkSet {
  readonly kind: 'NetworkSet' | 'GlobalNetworkSet';
  readonly namespace?: string;
  readonly name: string;
  readonly labels: Labels;
  readonly nets: IpSet;
  /** IPv6 nets, left out of the IPv4 analysis. */
  readonly ignored: readonly string[];
}

/** Calico's built-in tiers (Calico 3.30+): admin network policies at 1,000, the default tier at 1,000,000, baseline at 10,000,000. */
export const DEFAULT_TIER: CalicoTier = { name: 'default', order: 1_000_000, defaultAction: 'Deny' };
export const ADMIN_TIER_NAMES = new Set(['kube-admin', 'adminnetworkpolicy']);
export const BASELINE_TIER_NAMES = new Set(['kube-baseline', 'baselineadminnetworkpolicy']);
export const ADMIN_TIER: CalicoTier = { name: 'kube-admin', order: 1_000, defaultAction: 'Pass' };
export const BASELINE_TIER: CalicoTier = { name: 'kube-baseline', order: 10_000_000, defaultAction: 'Pass' };

const is = (p: OtherPolicy, kind: string): boolean => p.kind === kind && calicoGroup(p.apiVersion);

/** Tiers declared in the snapshot (the built-in ones keep their fixed order and action). */
export function calicoTiers(objects: readonly OtherPolicy[]): Map<string, CalicoTier> {
  const out = new Map<string, CalicoTier>();
  for (const t of [DEFAULT_TIER, ADMIN_TIER, BASELINE_TIER]) out.set(t.name, t);
  out.set('adminnetworkpolicy', ADMIN_TIER);
  out.set('baselineadminnetworkpolicy', BASELINE_TIER);
  for (const p of objects) {
    if (!is(p, 'Tier') || out.has(p.name)) continue;
    const order = typeof p.spec.order === 'number' ? p.spec.order : undefined;
    out.set(p.name, {
      name: p.name,
      ...(order !== undefined ? { order } : {}),
      defaultAction: p.spec.defaultAction === 'Pass' ? 'Pass' : 'Deny',
    });
  }
  return out;
}

/** GlobalNetworkSets and NetworkSets with their IPv4 nets. */
export function calicoNetworkSets(objects: readonly OtherPolicy[]): CalicoNetworkSet[] {
  const out: CalicoNetworkSet[] = [];
  for (const p of objects) {
    const kind = is(p, 'GlobalNetworkSet')
      ? 'GlobalNetworkSet'
      : is(p, 'NetworkSet')
        ? 'NetworkSet'
        : undefined;
    if (!kind) continue;
    const { set, ignored } = netsOf(p.spec.nets);
    out.push({
      kind,
      ...(kind === 'NetworkSet' ? { namespace: p.namespace ?? 'default' } : {}),
      name: p.name,
      labels: p.labels ?? {},
      nets: set,
      ignored,
    });
  }
  return out;
}

/** IPv4 CIDRs (or single addresses) of a `nets` list; IPv6 and malformed entries are returned as ignored. */
export function netsOf(v: unknown): { set: IpSet; ignored: string[] } {
  const ranges: IpRange[] = [];
  const ignored: string[] = [];
  for (const n of Array.isArray(v) ? v : []) {
    const text = String(n);
    const s = cidrSet(text.includes('/') || text.includes(':') ? text : `${text}/32`);
    if (s) ranges.push(...s);
    else ignored.push(text);
  }
  return { set: normalizeIps(ranges), ignored };
}
