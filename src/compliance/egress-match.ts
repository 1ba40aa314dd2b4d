// Allowed egress to outside the cluster, matched to the inventory's vendor CIDRs (containment both ways).
import type { Subprocessor } from '../model/compliance.js';
import { limitConnectivity } from '../analyze/connectivity-limits.js';
import type { Connectivity } from '../model/connectivity.js';
import type { AffectedPair } from '../model/finding.js';
import { compareText } from './control-order.js';
import {
  cidrRange,
  externalRange,
  isWide,
  mergeRanges,
  overlaps,
  rangeText,
  subtract,
  type Range,
} from './ranges.js';

/** Who reaches a vendor, and along which pairs. */
export interface VendorReach {
  readonly reachableFrom: Set<string>;
  readonly openEgress: Set<string>;
  readonly hostPolicies: Set<string>;
  readonly pairs: AffectedPair[];
  /** Namespaces of the sources (undefined for cluster-wide CNI policies). */
  readonly sourceNamespaces: Set<string>;
}

export interface EgressMatch {
  readonly reach: Map<string, VendorReach>;
  /** Allowed destinations no vendor declares, keyed by their CIDR text. */
  readonly undeclared: Map<string, { readonly range: Range; readonly pairs: AffectedPair[] }>;
}

export function emptyReach(): VendorReach {
  return {
    reachableFrom: new Set(),
    openEgress: new Set(),
    hostPolicies: new Set(),
    pairs: [],
    sourceNamespaces: new Set(),
  };
}

interface Block {
  readonly dst: string;
  readonly range: Range;
  readonly text: string;
}

function blocksBySource(conn: Connectivity): Map<string, Block[]> {
  const workloads = new Set(conn.peers.filter((p) => p.kind === 'workload').map((p) => p.id));
  const out = new Map<string, Block[]>();
  // Workload-to-outside pairs only: classes x blocks, so this runs on clusters of any size.
  for (const c of conn.externalEgress?.() ?? limitConnectivity(conn).csvRows()) {
    if (!workloads.has(c.src)) continue;
    const range = externalRange(c.dst);
    if (!range) continue;
    const list = out.get(c.src);
    if (list) list.push({ dst: c.dst, range, text: c.text });
    else out.set(c.src, [{ dst: c.dst, range, text: c.text }]);
  }
  return out;
}

/** False when the outside-world pairs could not all be read: the vendor egress checks then did not run fully. */
export function egressComplete(conn: Connectivity): boolean {
  return conn.externalEgress !== undefined || limitConnectivity(conn).summary.csvComplete;
}

/** "ns" of a workload peer id "ns/name[Kind]". */
export function namespaceOf(peerId: string): string | undefined {
  const slash = peerId.indexOf('/');
  return slash > 0 ? peerId.slice(0, slash) : undefined;
}

function connsText(blocks: readonly Block[], r: Range): string {
  return [...new Set(blocks.filter((b) => overlaps(b.range, r)).map((b) => b.text))]
    .sort(compareText)
    .join('; ');
}

/**
 * Per source workload, its allowed external blocks are joined into ranges. A range wider than WIDE_SIZE is
 * internet-wide egress (the internet-egress rule covers it): it matches no vendor and is not "undeclared";
 * the vendors inside it are recorded as reachable only through open egress. A narrower range matches every
 * vendor whose CIDR overlaps it (the range inside a vendor CIDR, or vendor CIDRs inside the range); the
 * parts of it no vendor CIDR covers are undeclared destinations.
 */
export function matchEgress(conn: Connectivity, vendors: readonly Subprocessor[]): EgressMatch {
  const reach = new Map(vendors.map((v) => [v.name, emptyReach()] as const));
  const vendorRanges = vendors.flatMap((v) =>
    v.endpoints.cidrs.flatMap((c) => {
      const range = cidrRange(c);
      return range ? [{ vendor: v.name, range }] : [];
    }),
  );
  const undeclared = new Map<string, { range: Range; pairs: AffectedPair[] }>();
  const sources = blocksBySource(conn);
  for (const src of [...sources.keys()].sort(compareText)) {
    const blocks = sources.get(src) ?? [];
    const ns = namespaceOf(src);
    for (const r of mergeRanges(blocks.map((b) => b.range))) {
      const hits = vendorRanges.filter((v) => overlaps(v.range, r));
      if (isWide(r)) {
        for (const h of hits) reach.get(h.vendor)?.openEgress.add(src);
        continue;
      }
      for (const h of hits) {
        const vr = reach.get(h.vendor);
        if (!vr) continue;
        vr.reachableFrom.add(src);
        if (ns !== undefined) vr.sourceNamespaces.add(ns);
        vr.pairs.push({ src, dst: rangeText(h.range), conns: connsText(blocks, h.range) });
      }
      for (const u of subtract(
        r,
        hits.map((h) => h.range),
      )) {
        const key = rangeText(u);
        const entry = undeclared.get(key) ?? { range: u, pairs: [] };
        entry.pairs.push({ src, dst: key, conns: connsText(blocks, u) });
        undeclared.set(key, entry);
      }
    }
  }
  return { reach, undeclared };
}
