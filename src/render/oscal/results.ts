// The assessment results: imports the plan (pinned by SHA-256), reviews only the tested controls, one
// observation per finding, a risk per open or accepted finding, and a finding per tested control.
import type { Evidence } from '../../model/evidence.js';
import { assessmentTimes, fileResource, metadata, oscalFileResource, toolUuid, toText } from './common.js';
import { buildFinding, buildReviewedControls, compareControls, notTestedRemark, tested } from './findings.js';
import { buildInventoryItems, buildObservation, observationUuid, prop } from './observations.js';
import { buildRisk, hasRisk, riskUuid } from './risks.js';
import { OSCAL_FILES, type OscalFile, type OscalObject, type OscalOptions } from './types.js';
import { stableUuid } from './uuid.js';

export function renderResults(e: Evidence, opts: OscalOptions, plan: OscalFile): OscalFile {
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
  const observations = e.findings.map((f) => buildObservation(e, f, ctx));
  const risks = risky.map((f) => buildRisk(e, f));
  const findings = tested(controls)
    .map((c) => buildFinding(e, c, refs))
    .filter((f) => f !== undefined);
  const inventory = buildInventoryItems(e.findings);
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
    ...(inventory.length > 0 ? { 'local-definitions': { 'inventory-items': inventory } } : {}),
    'reviewed-controls': buildReviewedControls(tested(controls)),
    ...(observations.length > 0 ? { observations } : {}),
    ...(risks.length > 0 ? { risks } : {}),
    ...(findings.length > 0 ? { findings } : {}),
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
  return { path: OSCAL_FILES.results, text: toText(doc) };
}
