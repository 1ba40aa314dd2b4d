// A system-security-plan stub: enough for the assessment plan to import (the cluster as a component, the
// baseline profile), and honest that the organisation's own SSP describes how each control is implemented.
import type { Evidence } from '../../model/evidence.js';
import { clusterComponentUuid, metadata, oscalFileResource, toText } from './common.js';
import { controlTokens } from './catalog.js';
import { OSCAL_FILES, type OscalControlInput, type OscalFile, type OscalObject } from './types.js';
import { stableUuid } from './uuid.js';

const NOT_DESCRIBED = 'Not described by this stub: the organisation’s own system security plan describes it.';

function systemIds(e: Evidence): OscalObject[] {
  const src = e.snapshot.source;
  const uid = src.type === 'cluster' ? src.cluster.kubeSystemUid : undefined;
  // The kube-system namespace UID is an RFC 4122 UUID: the cluster's stable identity.
  return uid ? [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: uid }] : [{ id: src.name }];
}

function clusterDescription(e: Evidence): string {
  const src = e.snapshot.source;
  return src.type === 'cluster'
    ? `The Kubernetes cluster ${src.name} (API server ${src.cluster.server}), read live by ${e.tool.name}.`
    : `The Kubernetes cluster ${src.name} as described by manifest files (${src.paths.join(', ')}); ` +
        'not collected from a live cluster.';
}

export function renderSsp(
  e: Evidence,
  controls: readonly OscalControlInput[],
  profile: OscalFile,
): OscalFile {
  const src = e.snapshot.source;
  const live = src.type === 'cluster';
  const requirements = controlTokens(controls).map((token) => ({
    uuid: stableUuid(`requirement/${e.reportId}/${token}`),
    'control-id': token,
    remarks: NOT_DESCRIBED,
  }));
  const doc = {
    'system-security-plan': {
      uuid: stableUuid(`ssp/${e.reportId}`),
      metadata: {
        ...metadata(e, `System security plan stub for ${src.name}`, ['prepared-for', 'system-owner']),
        remarks:
          `A stub written by ${e.tool.name} so that its assessment plan and results can be imported: it names the ` +
          'system and its control baseline only. ' +
          NOT_DESCRIBED,
      },
      'import-profile': { href: profile.path },
      'system-characteristics': {
        'system-ids': systemIds(e),
        'system-name': src.name,
        description: clusterDescription(e),
        'system-information': {
          'information-types': [
            {
              uuid: stableUuid(`information-type/${src.name}`),
              title: 'Information processed by the cluster’s workloads',
              description: NOT_DESCRIBED,
            },
          ],
        },
        status: live
          ? {
              state: 'operational',
              remarks: `Its API server answered at ${e.snapshot.collection.startedAt}.`,
            }
          : { state: 'other', remarks: 'Unknown: the data was read from files, not from a running cluster.' },
        'authorization-boundary': {
          description:
            `The network boundary only: the namespaces, workloads and network policies of ${src.name} ` +
            `(${e.summary.namespaces} namespaces, ${e.summary.workloads} workloads). ${NOT_DESCRIBED}`,
        },
      },
      'system-implementation': {
        users: [
          { uuid: stableUuid(`users/${src.name}`), title: 'Users of the system', remarks: NOT_DESCRIBED },
        ],
        components: [
          {
            uuid: clusterComponentUuid(e),
            type: 'this-system',
            title: `Kubernetes cluster ${src.name}`,
            description: clusterDescription(e),
            status: { state: live ? 'operational' : 'other' },
          },
        ],
      },
      'control-implementation': {
        description: `The controls in scope of the report (the baseline profile). ${NOT_DESCRIBED}`,
        'implemented-requirements': requirements,
      },
      'back-matter': { resources: [oscalFileResource(e, 'Baseline profile (this bundle)', profile)] },
    },
  };
  return { path: OSCAL_FILES.ssp, text: toText(doc) };
}
