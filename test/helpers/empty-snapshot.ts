// A snapshot with nothing in it, for tests that fill in only the parts they are about.
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../src/model/snapshot.js';

export function emptySnapshot(parts: Partial<Snapshot> = {}, name = 'test'): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: { type: 'manifests', name, paths: [] },
    collection: {
      startedAt: '2026-01-15T10:00:00.000Z',
      finishedAt: '2026-01-15T10:00:00.000Z',
      counts: {},
      skipped: {},
    },
    namespaces: [],
    workloads: [],
    pods: [],
    services: [],
    ingresses: [],
    networkPolicies: [],
    adminNetworkPolicies: [],
    baselineAdminNetworkPolicies: [],
    otherPolicies: [],
    warnings: [],
    ...parts,
  };
}
