// One `report` run: collect -> analyse -> map to controls -> render -> sign -> store (atomic).
import { TOOL } from '../version.js';
import { runRecord } from './run-record.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { limitConnectivity } from '../analyze/connectivity-limits.js';
import type { Evidence } from '../model/evidence.js';
import { compareSeverity, type Finding } from '../model/finding.js';
import type { Logger } from '../model/log.js';
import type { Snapshot } from '../model/snapshot.js';
import type { PdfRenderer } from '../render/pdf/render-pdf.js';
import { MANIFEST_FILE, readRunHistory } from '../sign/index.js';
import {
  bundleFolderName,
  commitBundle,
  discardBundle,
  safeName,
  stageBundle,
} from '../store/bundle-writer.js';
import { acquireClusterLock, type ClusterLock } from '../store/cluster-lock.js';
import { pushToLocker } from '../store/locker/index.js';
import { pruneBundles } from '../store/retention.js';
import type { AnalysisResult } from './analysis.js';
import { analyzeReport } from './report-analyze.js';
import { collectReportSnapshot, readReportInputs } from './report-collect.js';
import type { ReportOptions } from './report-options.js';
import { readSincePrevious, withSincePrevious } from './since-previous-read.js';
import { signBundle } from './signing.js';
import { writeReportFiles } from './write-report-files.js';

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
  const inputs = await readReportInputs(opts, ctx, generatedAt);
  const snapshot = await collectReportSnapshot(opts, ctx);
  const run = await runRecord(opts, inputs.catalogs, snapshot, TOOL);
  // The chain as it stands when the run starts (the link signing makes later is chosen the same way).
  const history = await readRunHistory(
    path.resolve(opts.outDir, safeName(snapshot.source.name)),
    bundleFolderName(generatedAt),
    { signed: !!inputs.signer },
  );
  const analysed = analyzeReport(snapshot, inputs, opts, ctx, engines, generatedAt, run, history);
  const { connectivity } = analysed;
  let evidence = analysed.evidence;
  const signer = inputs.signer;

  const staged = await stageBundle(opts.outDir, snapshot.source.name, generatedAt);
  let bundleDir: string;
  let lock: ClusterLock | undefined;
  try {
    const since = await readSincePrevious(staged.clusterDir, staged.name, evidence, { signed: !!signer });
    evidence = withSincePrevious(evidence, since);
    await writeReportFiles(staged, evidence, opts, ctx, {
      pdf: engines.pdf,
      signer,
      signingTime: generatedAt,
      connections: limitConnectivity(connectivity).csvRows,
      catalogs: inputs.catalogs.catalogs.map((c) => ({
        framework: c.framework,
        name: c.name,
        version: c.version,
      })),
    });
    // One run at a time finds the previous bundle, links, signs and publishes (two runs form one chain).
    lock = await acquireClusterLock(staged.clusterDir, { log: ctx.log });
    await signBundle(staged, evidence, signer, {
      signingTime: generatedAt,
      ...(opts.tsaUrl ? { tsaUrl: opts.tsaUrl } : {}),
    });
    bundleDir = await commitBundle(staged);
  } catch (e) {
    await lock?.release();
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
  try {
    await afterStore(bundleDir, snapshot.source.name, evidence.reportId, opts, ctx);
  } finally {
    await lock.release();
  }
  logSummary(evidence, bundleDir, opts, ctx, t0);
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

/** The last event of a run: what an operator reads in the Job's log. */
function logSummary(
  evidence: Evidence,
  bundleDir: string,
  opts: ReportOptions,
  ctx: RunContext,
  t0: number,
): void {
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
    controlsSupported: ctl.supported,
    controlsPartial: ctl.partial,
    controlsNotSatisfied: ctl.notSatisfied,
    controlsNotTested: ctl.notTested,
    failOnExceeded: exceedsFailOn(evidence.findings, opts.failOn),
    ms: Date.now() - t0,
  });
}
