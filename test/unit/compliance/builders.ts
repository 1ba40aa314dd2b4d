// Small builders for compliance tests: a connectivity with chosen external egress, vendors, an empty snapshot.
import type { Subprocessor } from '../../../src/model/compliance.js';
import type { Connection, Connectivity, Peer } from '../../../src/model/connectivity.js';
import type { OtherPolicy, Snapshot } from '../../../src/model/snapshot.js';
import { emptySnapshot } from '../../helpers/empty-snapshot.js';

const ALL = { all: true, ports: { TCP: [], UDP: [], SCTP: [] } };

/** Egress edges "ns/name -> first-last": every source is a Deployment. */
export function egress(edges: readonly [string, string][]): Connectivity {
  const peers = new Map<string, Peer>();
  const connections: Connection[] = [];
  for (const [src, range] of edges) {
    const [namespace = '', name = ''] = src.split('/');
    const srcId = `${src}[Deployment]`;
    const dstId = `${range}[External]`;
    peers.set(srcId, { id: srcId, kind: 'workload', namespace, name, workloadKind: 'Deployment' });
    peers.set(dstId, { id: dstId, kind: 'external' });
    connections.push({ src: srcId, dst: dstId, conns: ALL, text: 'TCP 443' });
  }
  return { peers: [...peers.values()], connections };
}

export function vendor(name: string, over: Partial<Subprocessor> = {}): Subprocessor {
  return {
    name,
    purpose: 'test',
    dataCategories: ['contact'],
    countries: ['IE'],
    transferMechanism: ['EEA'],
    dpaSigned: '2025-10-01',
    lastReviewed: '2025-10-01',
    status: 'active',
    endpoints: { cidrs: [], hosts: [] },
    namespaces: [],
    ...over,
  };
}

export function snapshot(otherPolicies: readonly OtherPolicy[] = []): Snapshot {
  return emptySnapshot({ otherPolicies });
}
