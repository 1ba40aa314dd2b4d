// Who can reach whom: class-level reachability over the snapshot, expanded to peer pairs on demand.
import type { Connection, Connectivity, Peer } from '../../model/connectivity.js';
import type { Snapshot } from '../../model/snapshot.js';
import { formatIpRange, splitIpSpace, ALL_IPV4, type IpRange, type IpSet } from '../ip-blocks.js';
import { Engine, cmp } from './engine.js';
import { INGRESS_CONTROLLER_ID, PairProducer } from './pairs.js';
import { summarizeNamespaces } from './summary.js';
import { exposedPeers, type ExposedPeer } from './exposure.js';
import type { CompiledRule } from './rules.js';
import type { Universe } from './universe.js';

export { Engine } from './engine.js';
export { INGRESS_CONTROLLER_ID } from './pairs.js';

/** The analysis with its class-level state, for findings and formatters that need more than the list. */
export interface Reachability {
  readonly engine: Engine;
  readonly ingressBlocks: readonly { id: string; block: IpRange }[];
  readonly egressBlocks: readonly { id: string; block: IpRange }[];
  readonly exposed: readonly ExposedPeer[];
  readonly connectivity: Connectivity;
}

function ipSets(rules: readonly CompiledRule[]): IpSet[] {
  return rules.flatMap((r) => r.peers.flatMap((p) => (p.kind === 'ip' ? [p.set] : [])));
}

/** Outside-world blocks per direction; a direction without ipBlocks is the single block 0.0.0.0-255.255.255.255. */
function blocks(sets: IpSet[]): { id: string; block: IpRange }[] {
  return splitIpSpace(sets.length ? sets : [ALL_IPV4]).map((block) => ({
    id: `${formatIpRange(block)}[External]`,
    block,
  }));
}

/** The outside world cut at every ipBlock boundary the engine's policies use, per direction. */
export function outsideBlocks(engine: Engine): {
  ingressBlocks: { id: string; block: IpRange }[];
  egressBlocks: { id: string; block: IpRange }[];
} {
  return {
    ingressBlocks: blocks([
      ...engine.netpols.flatMap((p) => ipSets(p.ingress ?? [])),
      ...[...engine.admins, ...engine.baselines].flatMap((a) => ipSets(a.ingress)),
      ...(engine.cilium?.ipSets('ingress') ?? []),
      ...engine.calico.ipSets('ingress'),
    ]),
    egressBlocks: blocks([
      ...engine.netpols.flatMap((p) => ipSets(p.egress ?? [])),
      ...[...engine.admins, ...engine.baselines].flatMap((a) => ipSets(a.egress)),
      ...(engine.cilium?.ipSets('egress') ?? []),
      ...engine.calico.ipSets('egress'),
    ]),
  };
}

/** Builds the engine and a Connectivity whose `connections` list is computed on first use. */
export function buildReachability(snapshot: Snapshot, universe?: Universe): Reachability {
  const engine = new Engine(snapshot, universe);
  const { ingressBlocks, egressBlocks } = outsideBlocks(engine);
  const exposed = snapshot.ingresses.length ? exposedPeers(snapshot, engine) : [];
  const peers: Peer[] = [
    ...engine.u.peers.map((p): Peer => ({
      id: p.id,
      kind: 'workload',
      namespace: p.namespace,
      name: p.name,
      workloadKind: p.kind,
    })),
    ...[...new Set([...ingressBlocks, ...egressBlocks].map((b) => b.id))].map((id): Peer => ({
      id,
      kind: 'external',
    })),
    ...(exposed.length ? [{ id: INGRESS_CONTROLLER_ID, kind: 'ingress-controller' } as Peer] : []),
  ].sort((a, b) => cmp(a.id, b.id));
  const namespaces = summarizeNamespaces(engine);
  const pairs = new PairProducer({ engine, ingressBlocks, egressBlocks, exposed, summary: namespaces });
  let list: Connection[] | undefined;
  const connectivity: Connectivity = {
    peers,
    get connections(): readonly Connection[] {
      list ??= [...pairs.connections()];
      return list;
    },
    iterate: () => list ?? pairs.connections(),
    get total(): number {
      return list?.length ?? pairs.count();
    },
    externalEgress: () => pairs.externalEgress(),
    namespaces,
  };
  return { engine, ingressBlocks, egressBlocks, exposed, connectivity };
}

/** Allowed connections between every pair of peers, with exact Kubernetes semantics (NetworkPolicy, ANP, BANP). */
export function analyzeReachability(snapshot: Snapshot): Connectivity {
  return buildReachability(snapshot).connectivity;
}
