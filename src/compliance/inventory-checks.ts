// Cross-checks of the sub-processor inventory against what the policies allow, and the register itself.
import type { AdequacyList, Inventory, Subprocessor, VendorRegisterEntry } from '../model/compliance.js';
import type { Connectivity } from '../model/connectivity.js';
import type { Finding, ResourceRef } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import { compareText } from './control-order.js';
import { emptyReach, matchEgress, type VendorReach } from './egress-match.js';
import { hostAllowances, matchHosts, type HostAllowance } from './host-match.js';
import { makeFinding } from './make-finding.js';
import { transferFindings } from './transfer-findings.js';
import { ageInDays } from './transfers.js';

/** Checks this module runs whenever an inventory is given. */
export const INVENTORY_CHECKS = [
  'undeclared-external-egress',
  'undeclared-subprocessor-egress',
  'stale-inventory-entry',
  'transfer-without-safeguard',
  'tia-missing',
  'dpa-missing',
  'review-due',
] as const;

export interface InventoryInput {
  readonly inventory: Inventory;
  readonly connectivity: Connectivity;
  readonly snapshot: Snapshot;
  readonly adequacy: AdequacyList;
  readonly now: Date;
  readonly maxDocumentAgeDays: number;
}

const vendorRef = (v: Subprocessor): ResourceRef => ({ kind: 'Subprocessor', name: v.name });

function undeclaredSubprocessor(v: Subprocessor, r: VendorReach): Finding | undefined {
  if (r.pairs.length === 0) return undefined;
  const outside = [...r.sourceNamespaces].filter((ns) => !v.namespaces.includes(ns)).sort(compareText);
  const reasons: string[] = [];
  if (v.status === 'inactive' || v.status === 'onboarding') reasons.push(`its status is ${v.status}`);
  if (outside.length > 0) reasons.push(`namespaces it does not list can send to it: ${outside.join(', ')}`);
  if (reasons.length === 0) return undefined;
  return makeFinding({
    rule: 'undeclared-subprocessor-egress',
    severity: v.status === 'inactive' ? 'high' : 'medium',
    resource: vendorRef(v),
    message: `Policies allow egress to sub-processor ${v.name} beyond what the inventory declares: ${reasons.join('; ')}.`,
    remediation: `Restrict the egress rules to the namespaces the inventory lists, or update the inventory entry (${v.origin ?? 'inventory'}).`,
    pairs: r.pairs.filter((p) => v.status !== 'active' || outside.some((ns) => p.src.startsWith(`${ns}/`))),
  });
}

/**
 * dpa-missing: no DPA recorded for a vendor that processes data (Art. 28(3) needs a contract). review-due:
 * the periodic review is older than the limit. A DPA does not expire, so its age is not a finding.
 */
function documentFindings(v: Subprocessor, now: Date, maxAge: number): Finding[] {
  const out: Finding[] = [];
  // A controller decides purposes itself: Art. 28(3) asks a contract of processors only.
  if (v.dpaSigned === undefined && v.role !== 'controller') {
    out.push(
      makeFinding({
        rule: 'dpa-missing',
        severity: 'high',
        resource: vendorRef(v),
        message: `No data processing agreement is recorded for ${v.name} (${v.origin ?? 'inventory'}).`,
        remediation:
          'Sign a DPA that meets GDPR Art. 28(3) with the vendor, or stop sending it personal data; record the date as dpaSigned.',
      }),
    );
  }
  const reviewAge = ageInDays(v.lastReviewed, now);
  if (reviewAge > maxAge) {
    out.push(
      makeFinding({
        rule: 'review-due',
        severity: 'low',
        resource: vendorRef(v),
        message: `The periodic review of ${v.name} is due: last reviewed on ${v.lastReviewed}, ${reviewAge} days ago (limit ${maxAge}).`,
        remediation:
          'Carry out the vendor risk review (service, sub-processors, DPA still matching) and record its date in the inventory.',
      }),
    );
  }
  return out;
}

/**
 * Stale: active, with endpoints we can observe, and no policy allows them. Hostnames are observable only
 * when the snapshot has CNI policies with hostname rules (plain NetworkPolicies cannot name hosts).
 */
function staleFinding(v: Subprocessor, r: VendorReach, hostRulesSeen: boolean): Finding | undefined {
  const observable = v.endpoints.cidrs.length > 0 || (hostRulesSeen && v.endpoints.hosts.length > 0);
  if (v.status !== 'active' || !observable || r.reachableFrom.size + r.hostPolicies.size > 0)
    return undefined;
  const open =
    r.openEgress.size > 0
      ? ` (${r.openEgress.size} ${r.openEgress.size === 1 ? 'workload reaches' : 'workloads reach'} it only through unrestricted egress)`
      : '';
  return makeFinding({
    rule: 'stale-inventory-entry',
    severity: 'low',
    resource: vendorRef(v),
    message: `${v.name} is active in the inventory but no policy allows egress to its endpoints${open}.`,
    remediation:
      'Mark the vendor inactive or offboarded if it is no longer used, or add the egress rule that the service needs.',
  });
}

function undeclaredFindings(
  input: InventoryInput,
  reach: Map<string, VendorReach>,
  allowances: readonly HostAllowance[],
): Finding[] {
  const vendors = input.inventory.subprocessors;
  const m = matchEgress(input.connectivity, vendors);
  for (const [name, r] of m.reach) reach.set(name, r);
  const hosts = matchHosts(allowances, vendors, reach);
  const out: Finding[] = [];
  for (const [key, u] of m.undeclared) {
    out.push(
      makeFinding({
        rule: 'undeclared-external-egress',
        severity: 'high',
        resource: { kind: 'ExternalRange', name: key },
        message: `Policies allow egress to ${key}, which no sub-processor in the inventory declares.`,
        remediation:
          'Declare the vendor behind this address range in the inventory, or remove the egress rule.',
        pairs: u.pairs,
      }),
    );
  }
  for (const [host, pairs] of hosts) {
    out.push(
      makeFinding({
        rule: 'undeclared-external-egress',
        severity: 'high',
        resource: { kind: 'ExternalHost', name: host },
        message: `Policies allow egress to ${host}, which no sub-processor in the inventory declares.`,
        remediation: 'Declare the vendor behind this hostname in the inventory, or remove the egress rule.',
        pairs,
      }),
    );
  }
  return out;
}

/** The inventory checks and the register (each vendor with who can reach it and its findings). */
export function checkInventory(input: InventoryInput): {
  findings: Finding[];
  register: VendorRegisterEntry[];
} {
  const reach = new Map<string, VendorReach>();
  const allowances = hostAllowances(input.snapshot.otherPolicies);
  const findings = undeclaredFindings(input, reach, allowances);
  const register: VendorRegisterEntry[] = [];
  for (const v of input.inventory.subprocessors) {
    const r = reach.get(v.name) ?? emptyReach();
    const own = [
      undeclaredSubprocessor(v, r),
      staleFinding(v, r, allowances.length > 0),
      ...(v.status === 'inactive' ? [] : transferFindings(v, input.adequacy, input.now)),
      ...(v.status === 'inactive' ? [] : documentFindings(v, input.now, input.maxDocumentAgeDays)),
    ].filter((f): f is Finding => f !== undefined);
    findings.push(...own);
    const { origin: _origin, ...entry } = v;
    register.push({
      ...entry,
      reachableFrom: [...r.reachableFrom].sort(compareText),
      reachableViaOpenEgress: [...r.openEgress].filter((s) => !r.reachableFrom.has(s)).sort(compareText),
      hostPolicies: [...r.hostPolicies].sort(compareText),
      findingIds: own.map((f) => f.id).sort(compareText),
    });
  }
  register.sort((a, b) => compareText(a.name, b.name));
  return { findings, register };
}
