// One `period` run: verify and digest the daily bundles of a period, aggregate, render, sign, store
// (atomically, as <out>/<cluster>/periods/<UTC time>/, a hash chain of period reports of its own).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareSeverity, type Severity } from '../model/finding.js';
import {
  aggregatePeriod,
  buildPeriodView,
  findClusterDirs,
  readClusterBundles,
  type PeriodReport,
} from '../period/index.js';
import { loadTemplates } from '../render/html/render-html.js';
import type { PdfRenderer } from '../render/pdf/render-pdf.js';
import {
  buildManifest,
  chooseChainLink,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  serializeManifest,
  signPdf,
  type Signer,
} from '../sign/index.js';
import { acquireClusterLock, type ClusterLock } from '../store/cluster-lock.js';
import {
  assertNotSymlink,
  commitBundle,
  discardBundle,
  safeName,
  stageBundle,
  writeBundleFile,
  type StagedBundle,
} from '../store/bundle-writer.js';
import { PACKAGE_ROOT, TOOL } from '../version.js';
import type { SigningOptions } from './report-options.js';
import type { RunContext } from './report-run.js';
import { assertValidAt, loadRunSigner, signatureStatus } from './signing.js';

export type PeriodFormat = 'html' | 'pdf' | 'json';

/** The complete, resolved options of one `period` run. */
export interface PeriodOptions {
  readonly bundlesDir: string;
  readonly since: Date;
  readonly until: Date;
  readonly cluster?: string;
  /** Trust anchor the bundle signatures must chain to. */
  readonly ca?: string;
  readonly outDir: string;
  /** period.json is always written. */
  readonly formats: ReadonlySet<PeriodFormat>;
  readonly signing: SigningOptions;
  readonly tsaUrl?: string;
  readonly organisation?: string;
  readonly failOn?: Severity;
}

export interface PeriodEngines {
  readonly pdf: PdfRenderer;
}

export interface PeriodResult {
  readonly reports: readonly {
    readonly cluster: string;
    readonly bundleDir: string;
    readonly report: PeriodReport;
  }[];
  /** True when a finding about the evidence is at or above --fail-on. */
  readonly failed: boolean;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function writeOutputs(
  staged: StagedBundle,
  report: PeriodReport,
  opts: PeriodOptions,
  ctx: RunContext,
  engines: PeriodEngines,
  signer: Signer | undefined,
): Promise<void> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeBundleFile(staged, 'period.json', json);
  if (!opts.formats.has('html') && !opts.formats.has('pdf')) return;
  const templatesDir = path.join(PACKAGE_ROOT, 'templates');
  const templates = await loadTemplates(templatesDir);
  const css = await readFile(path.join(templatesDir, 'report.css'), 'utf8');
  const view = buildPeriodView(report, css, sha256(json));
  const html = templates.render('period', view);
  if (opts.formats.has('html')) await writeBundleFile(staged, 'period.html', html);
  if (!opts.formats.has('pdf')) return;
  const pdf = await engines.pdf.render(html, {
    headerTemplate: templates.render('pdf-header', view),
    footerTemplate: templates.render('pdf-footer', view),
    env: ctx.env,
    createdAt: new Date(report.generatedAt),
  });
  const signed = signer
    ? await signPdf(pdf, signer, {
        signingTime: new Date(report.generatedAt),
        reason: 'Compliance evidence',
        name: signer.info.subject,
        ...(opts.tsaUrl ? { tsaUrl: opts.tsaUrl } : {}),
      })
    : pdf;
  await writeBundleFile(staged, 'period.pdf', signed);
}

async function signPeriodBundle(
  staged: StagedBundle,
  report: PeriodReport,
  signer: Signer | undefined,
  tsaUrl: string | undefined,
): Promise<void> {
  const { previous, skipped } = await chooseChainLink(staged.clusterDir, staged.name, { signed: !!signer });
  const manifest = await buildManifest(staged.dir, {
    bundleId: report.reportId,
    createdAt: report.generatedAt,
    toolVersion: TOOL.version,
    source: { type: 'period', name: report.cluster },
    // a period bundle has no snapshot: the digest of its content (period.json) stands in
    snapshotSha256: sha256(`${JSON.stringify(report, null, 2)}\n`),
    previous: previous ? { bundleId: previous.bundleId, manifestSha256: previous.manifestSha256 } : null,
    ...(skipped.length > 0 ? { skippedPrevious: skipped } : {}),
  });
  const bytes = serializeManifest(manifest);
  await writeBundleFile(staged, MANIFEST_FILE, bytes);
  if (signer)
    await writeBundleFile(
      staged,
      MANIFEST_SIGNATURE_FILE,
      await signer.signDetached(bytes, {
        signingTime: new Date(report.generatedAt),
        ...(tsaUrl ? { tsaUrl } : {}),
      }),
    );
}

/** Writes one signed period bundle per cluster found under --bundles (or only --cluster). */
export async function runPeriod(
  opts: PeriodOptions,
  ctx: RunContext,
  engines: PeriodEngines,
): Promise<PeriodResult> {
  const generatedAt = ctx.now();
  const signer = await loadRunSigner(opts.signing, ctx.env);
  assertValidAt(signer, generatedAt);
  const clusters = await findClusterDirs(opts.bundlesDir, opts.cluster);
  const reports: PeriodResult['reports'][number][] = [];
  for (const dir of clusters) {
    const t0 = Date.now();
    const read = await readClusterBundles(dir, {
      since: opts.since,
      until: opts.until,
      ...(opts.ca ? { ca: opts.ca } : {}),
      log: ctx.log,
    });
    ctx.log.info('bundles read', {
      phase: 'verify',
      cluster: read.cluster,
      bundles: read.records.length,
      ms: Date.now() - t0,
    });
    const report = aggregatePeriod({
      cluster: read.cluster,
      since: opts.since,
      until: opts.until,
      records: read.records,
      ...(read.before ? { before: read.before } : {}),
      ...(opts.ca ? { trustAnchor: path.basename(opts.ca) } : {}),
      generatedAt,
      tool: TOOL,
      ...(opts.organisation ? { organisation: opts.organisation } : {}),
      signature: signatureStatus(signer, opts.tsaUrl),
    });
    await assertNotSymlink(path.join(path.resolve(opts.outDir), safeName(read.cluster)));
    const staged = await stageBundle(path.join(opts.outDir, safeName(read.cluster)), 'periods', generatedAt);
    let lock: ClusterLock | undefined;
    try {
      await writeOutputs(staged, report, opts, ctx, engines, signer);
      lock = await acquireClusterLock(staged.clusterDir, { log: ctx.log });
      await signPeriodBundle(staged, report, signer, opts.tsaUrl);
      const bundleDir = await commitBundle(staged);
      await lock.release();
      ctx.log.info('period bundle written', {
        phase: 'store',
        dir: bundleDir,
        daysCovered: report.summary.daysCovered,
        days: report.summary.days,
        rejected: report.summary.bundlesRejected,
        ms: Date.now() - t0,
      });
      reports.push({ cluster: read.cluster, bundleDir, report });
    } catch (e) {
      await lock?.release();
      await discardBundle(staged);
      throw e;
    }
  }
  const failOn = opts.failOn;
  const failed =
    failOn !== undefined &&
    reports.some((r) => r.report.periodFindings.some((f) => compareSeverity(f.severity, failOn) <= 0));
  return { reports, failed };
}
