// Evidence -> OSCAL 1.1.2 assessment-results JSON, so GRC platforms can import a report. Pure and deterministic:
// UUIDs are name-based (v5), order is stable, and every time comes from the evidence.
import type { Evidence } from '../../model/evidence.js';
import { buildFinding, buildReviewedControls, compareControls } from './findings.js';
import { buildInventoryItems, buildObservation, prop } from './observations.js';
import { OSCAL_VERSION, type OscalObject, type OscalOptions } from './types.js';
import { stableUuid } from './uuid.js';

export { controlToken } from './control-token.js';
export { OSCAL_VERSION, type OscalControlInput, type OscalOptions } from './types.js';
export { uuidV5, stableUuid } from './uuid.js';

function sourceName(e: Evidence): string {
  return e.snapshot.source.name;
}

function assessmentAssets(e: Evidence, toolUuid: string): OscalObject {
  return {
    components: [
      {
        uuid: toolUuid,
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
        'uses-components': [{ 'component-uuid': toolUuid }],
      },
    ],
  };
}

/** The assessment-results document as JSON text (two-space indent, trailing newline). */
export function renderOscal(evidence: Evidence, opts: OscalOptions): string {
  const e = evidence;
  const toolUuid = stableUuid(`tool/${e.tool.name}`);
  const planUuid = stableUuid(`plan/${e.reportId}`);
  const controls = [...opts.controls].sort(compareControls);
  const known = new Set(e.findings.map((f) => f.id));
  const findings = controls.map((c) => buildFinding(e, c, known)).filter((f) => f !== undefined);
  const observations = e.findings.map((f) => buildObservation(e, f, toolUuid));
  const inventory = buildInventoryItems(e.findings);
  const notTested = controls.filter((c) => c.status === 'notTested').map((c) => `${c.framework} ${c.id}`);

  const result: OscalObject = {
    uuid: stableUuid(`result/${e.reportId}`),
    title: `Network policy assessment of ${sourceName(e)}`,
    description:
      `Automated assessment of the Kubernetes network policies of ${sourceName(e)} by ${e.tool.name}, ` +
      `audit period ${e.period.since} to ${e.period.until}.`,
    start: e.snapshot.collection.startedAt,
    end: e.snapshot.collection.finishedAt,
    props: [...prop('report-id', e.reportId), ...prop('frameworks', e.frameworks.join(' '))],
    'local-definitions': {
      ...(inventory.length > 0 ? { 'inventory-items': inventory } : {}),
      'assessment-assets': assessmentAssets(e, toolUuid),
    },
    'reviewed-controls': buildReviewedControls(controls),
    ...(observations.length > 0 ? { observations } : {}),
    ...(findings.length > 0 ? { findings } : {}),
    ...(notTested.length > 0
      ? { remarks: `Not tested (their checks did not run in this report): ${notTested.join(', ')}.` }
      : {}),
  };

  const doc = {
    'assessment-results': {
      uuid: stableUuid(`assessment-results/${e.reportId}`),
      metadata: {
        title: `Network policy evidence ${e.reportId} (${sourceName(e)})`,
        'last-modified': e.generatedAt,
        version: e.tool.version,
        'oscal-version': OSCAL_VERSION,
        props: prop('report-id', e.reportId),
        ...(e.organisation ? { remarks: `Organisation: ${e.organisation}` } : {}),
      },
      'import-ap': {
        href: `#${planUuid}`,
        remarks:
          'No separate OSCAL assessment plan exists: the plan is the set of automated checks listed in ' +
          'evidence.json (checksRun), described by the back-matter resource this points to.',
      },
      results: [result],
      'back-matter': {
        resources: [
          {
            uuid: planUuid,
            title: 'Assessment plan: the automated checks of this report',
            description: `The checks that ran: ${e.checksRun.join(', ') || 'none'}.`,
            rlinks: [{ href: 'evidence.json', 'media-type': 'application/json' }],
          },
        ],
      },
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
