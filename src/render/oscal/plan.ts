// The assessment plan: the checks that ran as activities (each naming the controls it addresses or
// supports), one task running them against the cluster, and only the tested controls as reviewed.
import type { Evidence } from '../../model/evidence.js';
import {
  assessmentTimes,
  clusterComponentUuid,
  metadata,
  oscalFileResource,
  toolUuid,
  toText,
} from './common.js';
import { compareText, controlToken } from './control-token.js';
import { buildReviewedControls, notTestedRemark, tested } from './findings.js';
import { prop } from './observations.js';
import { OSCAL_FILES, type OscalControlInput, type OscalFile, type OscalObject } from './types.js';
import { stableUuid } from './uuid.js';

export function activityUuid(e: Evidence, check: string): string {
  return stableUuid(`activity/${e.reportId}/${check}`);
}

/** The cluster (the SSP stub's this-system component) as what every activity assesses. */
export function clusterSubject(e: Evidence): OscalObject {
  return {
    type: 'component',
    description: `The Kubernetes cluster ${e.snapshot.source.name}`,
    'include-subjects': [{ 'subject-uuid': clusterComponentUuid(e), type: 'component' }],
  };
}

/** The tool as a component, and the platform that uses it (OSCAL requires one). */
export function assessmentAssets(e: Evidence): OscalObject {
  return {
    components: [
      {
        uuid: toolUuid(e),
        type: 'software',
        title: e.tool.name,
        description: `${e.tool.name} ${e.tool.version}: network policy analysis of a Kubernetes cluster.`,
        props: prop('version', e.tool.version),
        status: { state: 'operational' },
      },
    ],
    'assessment-platforms': [
      {
        uuid: stableUuid(`platform/${e.tool.name}`),
        title: e.tool.name,
        'uses-components': [{ 'component-uuid': toolUuid(e) }],
      },
    ],
  };
}

function activity(e: Evidence, check: string, controls: readonly OscalControlInput[]): OscalObject {
  const selections = (['addresses', 'supports'] as const)
    .map((strength) => ({
      strength,
      ids: [
        ...new Set(
          controls
            .filter((c) => c.checksRan?.some((r) => r.check === check && r.strength === strength))
            .map((c) => controlToken(c.framework, c.id)),
        ),
      ].sort(compareText),
    }))
    .filter((s) => s.ids.length > 0);
  return {
    uuid: activityUuid(e, check),
    title: check,
    description:
      `The automated check ${check} of ${e.tool.name} (docs/rules.md), run over the cluster's policies. ` +
      'Where it addresses a control it tests the control’s network part directly; where it supports one, it ' +
      'is one piece of that control’s evidence among others.',
    props: prop('check', check),
    ...(selections.length > 0
      ? {
          'related-controls': {
            'control-selections': selections.map((s) => ({
              description: s.strength === 'addresses' ? 'Controls it addresses' : 'Controls it supports',
              props: prop('strength', s.strength),
              'include-controls': s.ids.map((id) => ({ 'control-id': id })),
            })),
          },
        }
      : {}),
  };
}

export function renderPlan(e: Evidence, controls: readonly OscalControlInput[], ssp: OscalFile): OscalFile {
  const checks = [...e.checksRun].sort(compareText);
  const times = assessmentTimes(e);
  const activities = checks.map((k) => activity(e, k, tested(controls)));
  const remark = notTestedRemark(controls);
  const doc = {
    'assessment-plan': {
      uuid: stableUuid(`assessment-plan/${e.reportId}`),
      metadata: metadata(e, `Assessment plan of ${e.snapshot.source.name} (${e.reportId})`, ['prepared-for']),
      'import-ssp': { href: ssp.path },
      ...(activities.length > 0 ? { 'local-definitions': { activities } } : {}),
      'reviewed-controls': {
        ...buildReviewedControls(tested(controls)),
        ...(remark ? { remarks: remark } : {}),
      },
      'assessment-subjects': [clusterSubject(e)],
      'assessment-assets': assessmentAssets(e),
      ...(activities.length > 0
        ? {
            tasks: [
              {
                uuid: stableUuid(`task/${e.reportId}`),
                type: 'action',
                title: `Automated run of ${e.tool.name} ${e.tool.version}`,
                timing: { 'within-date-range': { start: times.start, end: times.end } },
                'associated-activities': checks.map((k) => ({
                  'activity-uuid': activityUuid(e, k),
                  subjects: [clusterSubject(e)],
                })),
              },
            ],
          }
        : {}),
      'back-matter': { resources: [oscalFileResource(e, 'System security plan stub (this bundle)', ssp)] },
    },
  };
  return { path: OSCAL_FILES.plan, text: toText(doc) };
}
