// One `report` run: collect -> analyse -> map to controls -> render -> sign -> store (atomic).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSnapshotSource } from '../collect/load-source.js';
import type { Connectivity, NamespaceCoverage } from '../model/connectivity.js';
import type { SignatureStatus } from '../model/evidence.js';
import { compareSeverity, type Finding } from '../model/finding.js';
import type { Logger } from '../model/log.js';
import type { Snapshot } from '../model/snapshot.js';
import { loadTemplates } from '../render/html/render-html.js';
import { renderConnectivityCsv, renderFindingsCsv } from '../render/json/csv.js';
import { renderEvidenceJson } from '../render/json/evidence-json.js';
import type { PdfRenderer } from '../render/pdf/render-pdf.js';
import { buildReportView } from '../render/view/build-view.js';
import type { Section } from '../render/view/view-types.js';
import { commitBundle, discardBundle, stageBundle, writeBundleFile } from '../store/bundle-writer.js';
import { PACKAGE_ROOT, TOOL } from '../version.js';
import { buildEvidence } from './evidence-builder.js';
import type { ReportOptions } from './report-options.js';

export interface RunContext {
  readonly now: () => Date;
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
}

export interface AnalysisResult {
  readonly coverage: readonly NamespaceCoverage[];
  readonly connectivity: Connectivity;
  readonly findings: readonly Finding[];
  readonly checksRun: readonly string[];
}

/** The engines a run uses; the CLI passes the real ones, tests may pass a failing PDF renderer. */
export interface ReportEngines {
  readonly analyze: (snapshot: Snapshot) => AnalysisResult;
  readonly pdf: PdfRenderer;
}

export interface ReportResult {
  readonly bundleDir: string;
  readonly findings: readonly Finding[];
  /** True when an open finding is at or above --fail-on. */
  readonly failed: boolean;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export async function runReport(
  opts: ReportOptions,
  ctx: RunContext,
  engines: ReportEngines,
): Promise<ReportResult> {
  const startedAt = Date.now();
  const generatedAt = ctx.now();
  const snapshot = await loadSnapshotSource(opts.source, ctx);
  ctx.log.info('collected', {
    phase: 'collect',
    namespaces: snapshot.namespaces.length,
    pods: snapshot.pods.length,
    policies: snapshot.networkPolicies.length,
    ms: Date.now() - startedAt,
  });

  const t1 = Date.now();
  const analysis = engines.analyze(snapshot);
  ctx.log.info('analysed', {
    phase: 'analyze',
    connections: analysis.connectivity.connections.length,
    findings: analysis.findings.length,
    ms: Date.now() - t1,
  });

  const findings = [...analysis.findings].sort(
    (a, b) => compareSeverity(a.severity, b.severity) || (a.id < b.id ? -1 : 1),
  );
  const signature: SignatureStatus = { signed: false };
  const extraSections: Section[] = [];
  const evidence = buildEvidence({
    snapshot,
    coverage: analysis.coverage,
    connectivity: analysis.connectivity,
    findings,
    checksRun: analysis.checksRun,
    sections: {},
    generatedAt,
    tool: TOOL,
    ...(opts.organisation ? { organisation: opts.organisation } : {}),
    period: opts.period,
    frameworks: opts.frameworks,
    signature,
  });

  const staged = await stageBundle(opts.outDir, snapshot.source.name, generatedAt);
  try {
    const evidenceJson = renderEvidenceJson(evidence);
    await writeBundleFile(staged, 'evidence.json', evidenceJson);
    if (opts.formats.has('csv')) {
      await writeBundleFile(staged, 'findings.csv', renderFindingsCsv(findings));
      await writeBundleFile(
        staged,
        'connectivity.csv',
        renderConnectivityCsv(analysis.connectivity.connections),
      );
    }
    if (opts.formats.has('html') || opts.formats.has('pdf')) {
      const t2 = Date.now();
      const templatesDir = path.join(PACKAGE_ROOT, 'templates');
      const templates = await loadTemplates(templatesDir);
      const css = await readFile(path.join(templatesDir, 'report.css'), 'utf8');
      const view = buildReportView({ evidence, evidenceSha256: sha256(evidenceJson), css, extraSections });
      const html = templates.render('report', view);
      if (opts.formats.has('html')) await writeBundleFile(staged, 'report.html', html);
      ctx.log.info('rendered html', { phase: 'render', bytes: html.length, ms: Date.now() - t2 });
      if (opts.formats.has('pdf')) {
        const t3 = Date.now();
        const pdf = await engines.pdf.render(html, {
          headerTemplate: templates.render('pdf-header', view),
          footerTemplate: templates.render('pdf-footer', view),
          env: ctx.env,
        });
        await writeBundleFile(staged, 'report.pdf', pdf);
        ctx.log.info('rendered pdf', { phase: 'render', bytes: pdf.length, ms: Date.now() - t3 });
      }
    }
    const manifest = {
      schemaVersion: 1,
      bundleId: evidence.reportId,
      createdAt: evidence.generatedAt,
      toolVersion: TOOL.version,
      files: [] as { path: string; sha256: string; bytes: number }[],
    };
    await writeBundleFile(staged, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    const bundleDir = await commitBundle(staged);
    const failed =
      opts.failOn !== undefined &&
      findings.some(
        (f) => f.exception?.status !== 'accepted' && compareSeverity(f.severity, opts.failOn!) <= 0,
      );
    ctx.log.info('bundle written', {
      phase: 'store',
      dir: bundleDir,
      findings: findings.length,
      ms: Date.now() - startedAt,
    });
    return { bundleDir, findings, failed };
  } catch (e) {
    await discardBundle(staged);
    throw e;
  }
}
