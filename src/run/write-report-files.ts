// Renders every requested output of a report into the staged bundle.
import { createHash, type Hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connection } from '../model/connectivity.js';
import type { Evidence } from '../model/evidence.js';
import { loadTemplates } from '../render/html/render-html.js';
import { renderChangesCsv } from '../render/json/changes-csv.js';
import { connectivityCsvChunks, renderFindingsCsv } from '../render/json/csv.js';
import { evidenceJsonChunks } from '../render/json/evidence-json.js';
import { renderOscalDocuments, type OscalCatalogInfo } from '../render/oscal/index.js';
import type { PdfRenderer } from '../render/pdf/render-pdf.js';
import { buildReportView } from '../render/view/build-view.js';
import { signPdf, type Signer } from '../sign/index.js';
import { writeBundleChunks, writeBundleFile, type StagedBundle } from '../store/bundle-writer.js';
import { PACKAGE_ROOT } from '../version.js';
import type { ReportOptions } from './report-options.js';
import type { RunContext } from './report-run.js';

/** Passes chunks through, feeding each to `hash`. */
function* hashed(chunks: Iterable<string>, hash: Hash): Generator<string> {
  for (const c of chunks) {
    hash.update(c);
    yield c;
  }
}

export async function writeReportFiles(
  staged: StagedBundle,
  evidence: Evidence,
  opts: ReportOptions,
  ctx: RunContext,
  render: {
    pdf: PdfRenderer;
    signer: Signer | undefined;
    signingTime: Date;
    /** connectivity.csv's rows, pulled as the file is written. */
    connections: () => Iterable<Connection>;
    /** Names and versions of the control catalogs (the OSCAL catalogs' metadata). */
    catalogs?: readonly OscalCatalogInfo[];
  },
): Promise<void> {
  // Streamed and hashed as written: the text of a large cluster's evidence.json never exists as one string.
  const evidenceHash = createHash('sha256');
  await writeBundleChunks(staged, 'evidence.json', hashed(evidenceJsonChunks(evidence), evidenceHash));
  const evidenceSha256 = evidenceHash.digest('hex');
  if (opts.formats.has('csv')) {
    await writeBundleFile(staged, 'findings.csv', renderFindingsCsv(evidence.findings));
    await writeBundleChunks(staged, 'connectivity.csv', connectivityCsvChunks(render.connections()));
    if (evidence.changes) await writeBundleFile(staged, 'changes.csv', renderChangesCsv(evidence.changes));
  }
  if (opts.formats.has('oscal')) {
    // Catalogs, profile, SSP stub, plan and results: each pinned by SHA-256 in the next, all in the manifest.
    const docs = renderOscalDocuments(evidence, {
      controls: evidence.controls,
      evidenceSha256,
      ...(render.catalogs ? { catalogs: render.catalogs } : {}),
    });
    for (const doc of docs) await writeBundleChunks(staged, doc.path, doc.chunks());
  }
  if (!opts.formats.has('html') && !opts.formats.has('pdf')) return;
  const t = Date.now();
  const templatesDir = path.join(PACKAGE_ROOT, 'templates');
  const templates = await loadTemplates(templatesDir);
  const css = await readFile(path.join(templatesDir, 'report.css'), 'utf8');
  if (opts.formats.has('html')) {
    // The HTML carries long lists (it is searched on screen); the PDF keeps top-N lists so it stays readable.
    const screen = templates.render(
      'report',
      buildReportView({ evidence, evidenceSha256, css, detail: 'screen' }),
    );
    await writeBundleFile(staged, 'report.html', screen);
    ctx.log.info('rendered html', { phase: 'render', bytes: screen.length, ms: Date.now() - t });
  }
  if (!opts.formats.has('pdf')) return;
  const t2 = Date.now();
  ctx.log.progress?.('render', 'printing the PDF with Chromium (two passes for the table of contents)');
  const view = buildReportView({ evidence, evidenceSha256, css, detail: 'print' });
  const html = templates.render('report', view);
  const pdf = await render.pdf.render(html, {
    headerTemplate: templates.render('pdf-header', view),
    footerTemplate: templates.render('pdf-footer', view),
    env: ctx.env,
    createdAt: new Date(evidence.generatedAt),
  });
  const signed = render.signer
    ? await signPdf(pdf, render.signer, {
        signingTime: render.signingTime,
        reason: 'Compliance evidence',
        name: render.signer.info.subject,
        ...(opts.tsaUrl ? { tsaUrl: opts.tsaUrl } : {}),
      })
    : pdf;
  await writeBundleFile(staged, 'report.pdf', signed);
  ctx.log.info('rendered pdf', {
    phase: 'render',
    bytes: signed.length,
    signed: render.signer !== undefined,
    ms: Date.now() - t2,
  });
}
