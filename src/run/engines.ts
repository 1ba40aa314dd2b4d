// The real engines a report run uses (tests may swap the PDF renderer for one that fails).
import { analyzeSnapshot, RULES } from '../analyze/index.js';
import { chromiumPdfRenderer } from '../render/pdf/render-pdf.js';
import type { ReportEngines } from './report-run.js';

/** Every reachability and coverage rule runs on every snapshot. */
const REACHABILITY_CHECKS = Object.keys(RULES).sort();

export const defaultEngines: ReportEngines = {
  analyze: (snapshot) => ({ ...analyzeSnapshot(snapshot), checksRun: REACHABILITY_CHECKS }),
  pdf: chromiumPdfRenderer,
};
