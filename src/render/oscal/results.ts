// The assessment results: imports the plan (pinned by SHA-256), reviews only the tested controls, one
// observation per finding, a risk per open or accepted finding, and a finding per tested control.
import type { Evidence } from '../../model/evidence.js';
import { assessmentTimes, fileResource, metadata, oscalFileResource, toolUuid } from './common.js';
import {
  buildFinding,
  buildReviewedControls,
  compareControls,
  notTestedRemark,
  reported,
  tested,
} from './findings.js';
import {
  buildObservation,
  inventoryItem,
  inventoryResources,
  observationUuid,
  prop,
} from './observations.js';
import { buildRisk, hasRisk, riskUuid } from './risks.js';
import { jsonChunks, LazyArray } from './json-chunks.js';
import {
  OSCAL_FILES,
  type OscalFile,
  type OscalObject,
  type OscalOptions,
  type OscalOutput,
} from './types.js';
import { stableUuid } from './uuid.js';

/**
 * Observations, risks, findings and inventory items are built one at a time as the text is written, so a
 * cluster with a hundred thousand findings never holds its results as one string or one object tree.
 */
function lazy<T>(list: readonly T[], build: (x: T) => OscalObject): LazyArray<OscalObject> {
  return new LazyArray(list.length, function* () {
    for (const x of list) yield build(x);
  });
}

export function renderResults(e: Evidence, opts: OscalOptions, plan: OscalFile): OscalOutput {
  const times = assessmentTimes(e);
  const controls = [...opts.controls].sort(compareControls);
  const evidenceResource = fileResource(
    `resource/${e.reportId}/evidence.json`,
    'evidence.json: every finding, control result and the snapshot of this report',
    'evidence.json',
    opts.evidenceSha256,
  );
  const risky = e.findings.filter(hasRisk);
  const refs = {
    observation: new Map(e.findings.map((f) => [f.id, observationUuid(e, f.id)])),
    risk: new Map(risky.map((f) => [f.id, riskUuid(e, f.id)])),
  };
  const ctx = {
    toolUuid: toolUuid(e),
    collected: times.collected,
    evidenceResource: evidenceResource.uuid as string,
  };
  const inventory = inventoryResources(e.findings);
  const toReport = reported(controls);
  const remark = notTestedRemark(controls);

  const result: OscalObject = {
    uuid: stableUuid(`result/${e.reportId}`),
    title: `Network policy assessment of ${e.snapshot.source.name}`,
    description:
      `Automated assessment of the Kubernetes network policies of ${e.snapshot.source.name} by ${e.tool.name}, ` +
      `audit period ${e.period.since} to ${e.period.until}.`,
    start: times.start,
    end: times.end,
    props: [...prop('report-id', e.reportId), ...prop('frameworks', e.frameworks.join(' '))],
    ...(inventory.length > 0
      ? { 'local-definitions': { 'inventory-items': lazy(inventory, inventoryItem) } }
      : {}),
    'reviewed-controls': buildReviewedControls(tested(controls)),
    ...(e.findings.length > 0 ? { observations: lazy(e.findings, (f) => buildObservation(e, f, ctx)) } : {}),
    ...(risky.length > 0 ? { risks: lazy(risky, (f) => buildRisk(e, f)) } : {}),
    ...(toReport.length > 0 ? { findings: lazy(toReport, (c) => buildFinding(e, c, refs)) } : {}),
    ...(remark ? { remarks: remark } : {}),
  };

  const doc = {
    'assessment-results': {
      uuid: stableUuid(`assessment-results/${e.reportId}`),
      metadata: metadata(e, `Network policy evidence ${e.reportId} (${e.snapshot.source.name})`, [
        'prepared-for',
      ]),
      'import-ap': { href: plan.path },
      results: [result],
      'back-matter': {
        resources: [oscalFileResource(e, 'Assessment plan (this bundle)', plan), evidenceResource],
      },
    },
  };
  return { path: OSCAL_FILES.results, chunks: () => jsonChunks(doc) };
}
