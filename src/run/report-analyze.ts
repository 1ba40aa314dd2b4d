// The analysis phase of a report: reachability and coverage (the injected engine), Git and drift, then
// the compliance mapping, assembled into evidence.json's value.
import { attributeIntent } from '../analyze/changes/intent.js';
import { evaluateCompliance } from '../compliance/index.js';
import { compareEnforcement } from './flows.js';
import type { Connectivity } from '../model/connectivity.js';
import type { Evidence, RunHistory, RunRecord } from '../model/evidence.js';
import type { Snapshot } from '../model/snapshot.js';
import { TOOL } from '../version.js';
import { analyzeGit } from './analysis.js';
import { buildEvidence } from './evidence-builder.js';
import type { ReportInputs } from './report-collect.js';
import type { ReportOptions } from './report-options.js';
import type { ReportEngines, RunContext } from './report-run.js';
import { signatureStatus } from './signing.js';

export function analyzeReport(
  snapshot: Snapshot,
  inputs: ReportInputs,
  opts: Pick<
    ReportOptions,
    'frameworks' | 'maxDocumentAgeDays' | 'maxExceptionDays' | 'organisation' | 'period' | 'tsaUrl'
  >,
  ctx: RunContext,
  engines: ReportEngines,
  generatedAt: Date,
  run?: RunRecord,
  history?: RunHistory,
): { evidence: Evidence; connectivity: Connectivity } {
  const t0 = Date.now();
  ctx.log.progress?.(
    'analyze',
    `reachability, coverage and findings over ${snapshot.namespaces.length} namespaces`,
  );
  const analysis = engines.analyze(snapshot);
  const gitResult = analyzeGit(snapshot);
  const enforcement = compareEnforcement(
    snapshot,
    { ...(inputs.flows ? { flows: inputs.flows } : {}), ...(inputs.probes ? { probes: inputs.probes } : {}) },
    analysis.reachability,
  );
  const compliance = evaluateCompliance({
    findings: [
      ...attributeIntent(analysis.findings, snapshot.git),
      ...gitResult.findings,
      ...(enforcement?.findings ?? []),
    ],
    checksRun: [...analysis.checksRun, ...gitResult.checksRun, ...(enforcement?.checksRun ?? [])],
    connectivity: analysis.connectivity,
    snapshot,
    catalogs: inputs.catalogs,
    ...(inputs.inventory ? { inventory: inputs.inventory } : {}),
    ...(inputs.exceptions ? { exceptions: inputs.exceptions } : {}),
    frameworks: opts.frameworks,
    now: generatedAt,
    ...(history ? { earlierRuns: history.earlierRuns } : {}),
    options: {
      maxDocumentAgeDays: opts.maxDocumentAgeDays,
      ...(opts.maxExceptionDays !== undefined ? { maxExceptionDays: opts.maxExceptionDays } : {}),
    },
  });
  for (const w of compliance.warnings) ctx.log.warn('compliance warning', { message: w });
  ctx.log.info('analysed', {
    phase: 'analyze',
    workloadPairs: analysis.connectivity.namespaces?.workloadPairs,
    findings: compliance.findings.length,
    controls: compliance.controls.length,
    ms: Date.now() - t0,
  });
  const evidence = buildEvidence({
    snapshot,
    coverage: analysis.coverage,
    connectivity: analysis.connectivity,
    compliance,
    ...(gitResult.drift ? { drift: gitResult.drift } : {}),
    ...(gitResult.impacts ? { impacts: gitResult.impacts } : {}),
    ...(enforcement?.flows ? { flows: enforcement.flows } : {}),
    ...(enforcement?.probes ? { probes: enforcement.probes } : {}),
    ...(history ? { history } : {}),
    warnings: [
      ...snapshot.warnings.map((w) => `${w.where}: ${w.message}`),
      ...(snapshot.git?.warnings ?? []).map((w) => `${w.where}: ${w.message}`),
      ...compliance.warnings,
      ...(inputs.flows?.warnings ?? []),
      ...(analysis.notes ?? []),
    ],
    generatedAt,
    tool: TOOL,
    ...(run ? { run } : {}),
    ...(opts.organisation ? { organisation: opts.organisation } : {}),
    period: opts.period,
    frameworks: opts.frameworks,
    signature: signatureStatus(inputs.signer, opts.tsaUrl),
  });
  return { evidence, connectivity: analysis.connectivity };
}
