// One `report` run: collect -> analyse -> map to controls -> render -> sign -> store (atomic).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSnapshotSource } from '../collect/load-source.js';
import { loadCatalogs, loadExceptions, loadInventory } from '../config/index.js';
import { evaluateCompliance } from '../compliance/index.js';
import type { Finding } from '../model/finding.js';
import { compareSeverity } from '../model/finding.js';
import type { Logger } from '../model/log.js';
import type { Snapshot } from '../model/snapshot.js';
import type { PdfRenderer } from '../render/pdf/render-pdf.js';
import { MANIFEST_FILE } from '../sign/index.js';
import { commitBundle, discardBundle, stageBundle } from '../store/bundle-writer.js';
import { pushToLocker } from '../store/locker/index.js';
import { pruneBundles } from '../store/retention.js';
import { TOOL } from '../version.js';
import { analyzeGit, type AnalysisResult } from './analysis.js';
import { limitConnectivity } from '../analyze/connectivity-limits.js';
import { buildEvidence } from './evidence-builder.js';
import { writeReportFiles } from './write-report-files.js';
import type { ReportOptions } from './report-options.js';
import { assertValidAt, loadRunSigner, signatureStatus, signBundle } from './signing.js';

export interface RunContext {
  readonly now: () => Date;
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
}

/** The engines a run uses; the CLI passes the real ones, tests may pass a failing PDF renderer. */
export interface ReportEngines {
  readonly analyze: (snapshot: Snapshot) => AnalysisResult;
  readonly pdf: PdfRenderer;
}

export interface ReportResult {
  readonly bundleDir: string;
  readonly reportId: string;
  readonly findings: readonly Finding[];
  /** True when an open finding is at or above --fail-on. */
  readonly failed: boolean;
}

/** True when an open (not accepted) finding is at or above `failOn`. */
export function exceedsFailOn(findings: readonly Finding[], failOn: ReportOptions['failOn']): boolean {
  return (
    failOn !== undefined &&
    findings.some((f) => f.exception?.status !== 'accepted' && compareSeverity(f.severity, failOn) <= 0)
  );
}

export async function runReport(
  opts: ReportOptions,
  ctx: RunContext,
  engines: ReportEngines,
): Promise<ReportResult> {
  const t0 = Date.now();
  const generatedAt = ctx.now();
  // Inputs that can be wrong are read first, so a bad key or inventory fails before any slow work.
  const signer = await loadRunSigner(opts.signing, ctx.env);
  assertValidAt(signer, generatedAt);
  const catalogs = await loadCatalogs([...opts.controls]);
  const inventory = opts.inventory ? await loadInventory(opts.inventory) : undefined;
  const exceptions = opts.exceptions ? await loadExceptions(opts.exceptions) : undefined;

  let snapshot = await loadSnapshotSource(opts.source, ctx);
  ctx.log.info('collected', {
    phase: 'collect',
    namespaces: snapshot.namespaces.length,
    pods: snapshot.pods.length,
    policies: snapshot.networkPolicies.length,
    ms: Date.now() - t0,
  });
  if (opts.git) {
    const t = Date.now();
    const { collectGitEvidence } = await import('../collect/git/index.js');
    const git = await collectGitEvidence({
      repo: opts.git.repo,
      ...(opts.git.ref ? { ref: opts.git.ref } : {}),
      paths: [...opts.git.paths],
      since: opts.period.since,
      until: opts.period.until,
      log: ctx.log,
      ...(opts.git.allowedSigners ? { allowedSigners: opts.git.allowedSigners } : {}),
    });
    snapshot = { ...snapshot, git };
    ctx.log.info('read git history', { phase: 'git', commits: git.commits.length, ms: Date.now() - t });
  }

  const t1 = Date.now();
  ctx.log.progress?.(
    'analyze',
    `reachability, coverage and findings over ${snapshot.namespaces.length} namespaces`,
  );
  const analysis = engines.analyze(snapshot);
  const gitResult = analyzeGit(snapshot);
  const compliance = evaluateCompliance({
    findings: [...analysis.findings, ...gitResult.findings],
    checksRun: [...analysis.checksRun, ...gitResult.checksRun],
    connectivity: analysis.connectivity,
    snapshot,
    catalogs,
    ...(inventory ? { inventory } : {}),
    ...(exceptions ? { exceptions } : {}),
    frameworks: opts.frameworks,
    now: generatedAt,
    options: { maxDocumentAgeDays: opts.maxDocumentAgeDays },
  });
  for (const w of compliance.warnings) ctx.log.warn('compliance warning', { message: w });
  ctx.log.info('analysed', {
    phase: 'analyze',
    workloadPairs: analysis.connectivity.namespaces?.workloadPairs,
    findings: compliance.findings.length,
    controls: compliance.controls.length,
    ms: Date.now() - t1,
  });

  const evidence = buildEvidence({
    snapshot,
    coverage: analysis.coverage,
    connectivity: analysis.connectivity,
    compliance,
    ...(gitResult.drift ? { drift: gitResult.drift } : {}),
    ...(exceptions ? { exceptions: exceptions.exceptions } : {}),
    warnings: [
      ...snapshot.warnings.map((w) => `${w.where}: ${w.message}`),
      ...(snapshot.git?.warnings ?? []).map((w) => `${w.where}: ${w.message}`),
      ...compliance.warnings,
    ],
    generatedAt,
    tool: TOOL,
    ...(opts.organisation ? { organisation: opts.organisation } : {}),
    period: opts.period,
    frameworks: opts.frameworks,
    signature: signatureStatus(signer, opts.tsaUrl),
  });

  const staged = await stageBundle(opts.outDir, snapshot.source.name, generatedAt);
  let bundleDir: string;
  try {
    await writeReportFiles(staged, evidence, opts, ctx, {
      pdf: engines.pdf,
      signer,
      signingTime: generatedAt,
      connections: limitConnectivity(analysis.connectivity).all,
    });
    await signBundle(staged, evidence, signer, {
      signingTime: generatedAt,
      ...(opts.tsaUrl ? { tsaUrl: opts.tsaUrl } : {}),
    });
    bundleDir = await commitBundle(staged);
  } catch (e) {
    await discardBundle(staged);
    throw e;
  }
  ctx.log.info('bundle written', {
    phase: 'store',
    dir: bundleDir,
    findings: evidence.findings.length,
    open: evidence.summary.openFindings,
    ms: Date.now() - t0,
  });
  await afterStore(bundleDir, snapshot.source.name, evidence.reportId, opts, ctx);
  const sev = evidence.summary.findingsBySeverity;
  const ctl = evidence.summary.controlsByStatus;
  ctx.log.info('run summary', {
    phase: 'summary',
    bundle: bundleDir,
    reportId: evidence.reportId,
    signed: evidence.signature.signed,
    openFindings: evidence.summary.openFindings,
    critical: sev.critical,
    high: sev.high,
    medium: sev.medium,
    low: sev.low,
    controlsSatisfied: ctl.satisfied,
    controlsPartial: ctl.partial,
    controlsNotSatisfied: ctl.notSatisfied,
    controlsNotTested: ctl.notTested,
    failOnExceeded: exceedsFailOn(evidence.findings, opts.failOn),
    ms: Date.now() - t0,
  });
  return {
    bundleDir,
    reportId: evidence.reportId,
    findings: evidence.findings,
    failed: exceedsFailOn(evidence.findings, opts.failOn),
  };
}

/** The evidence locker, then retention (so a bundle is never pruned before it reached the locker). */
async function afterStore(
  bundleDir: string,
  clusterName: string,
  bundleId: string,
  opts: ReportOptions,
  ctx: RunContext,
): Promise<void> {
  if (opts.lockerGit) {
    const manifest = await readFile(path.join(bundleDir, MANIFEST_FILE));
    const manifestSha256 = createHash('sha256').update(manifest).digest('hex');
    const pushed = await pushToLocker({
      locker: opts.lockerGit,
      bundleDir,
      clusterName,
      manifestSha256,
      bundleId,
      log: ctx.log,
      env: ctx.env,
    });
    ctx.log.info('evidence locker updated', {
      phase: 'locker',
      branch: pushed.branch,
      commit: pushed.commit,
    });
  }
  if (opts.retention) {
    const r = await pruneBundles(path.dirname(bundleDir), {
      ...opts.retention,
      now: ctx.now(),
      log: ctx.log,
    });
    ctx.log.info('retention applied', {
      phase: 'retention',
      removed: r.removed.length,
      kept: r.kept.length,
      heldForChain: r.heldForChain.length,
    });
  }
}
