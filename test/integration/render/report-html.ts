// The demo report's HTML and PDF header/footer, built with the real pipeline pieces (templates + view model).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from '../../../src/model/evidence.js';
import { loadTemplates } from '../../../src/render/html/render-html.js';
import { renderEvidenceJson } from '../../../src/render/json/evidence-json.js';
import { buildReportView } from '../../../src/render/view/build-view.js';
import type { ReportView } from '../../../src/render/view/view-types.js';
import { repoRoot } from '../../helpers/paths.js';
import { demoEvidence } from '../../unit/render/oscal/demo-evidence.js';

export interface BuiltReport {
  readonly evidence: Evidence;
  readonly view: ReportView;
  readonly html: string;
  readonly header: string;
  readonly footer: string;
}

export async function buildDemoReport(): Promise<BuiltReport> {
  const evidence = await demoEvidence();
  const dir = path.join(repoRoot, 'templates');
  const templates = await loadTemplates(dir);
  const css = await readFile(path.join(dir, 'report.css'), 'utf8');
  const sha = createHash('sha256').update(renderEvidenceJson(evidence)).digest('hex');
  const view = buildReportView({ evidence, evidenceSha256: sha, css });
  return {
    evidence,
    view,
    html: templates.render('report', view),
    header: templates.render('pdf-header', view),
    footer: templates.render('pdf-footer', view),
  };
}
