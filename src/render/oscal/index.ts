// Evidence -> the bundle's OSCAL 1.1.2 documents, so GRC platforms can import a report and follow every
// reference: results -> plan -> SSP stub -> profile -> catalogs, each by a relative href pinned by SHA-256.
// Pure and deterministic: UUIDs are name-based (v5), order is stable, and every time comes from the evidence.
import type { Evidence } from '../../model/evidence.js';
import { AppError } from '../../model/errors.js';
import { frameworksOf, renderCatalogs } from './catalog.js';
import { renderPlan } from './plan.js';
import { renderProfile } from './profile.js';
import { renderResults } from './results.js';
import { renderSsp } from './ssp.js';
import type { OscalFile, OscalOptions, OscalOutput } from './types.js';

export { controlToken } from './control-token.js';
export { PLACEHOLDER_ORGANISATION } from './common.js';
export { statementId } from './catalog.js';
export {
  OSCAL_FILES,
  OSCAL_VERSION,
  type OscalCatalogInfo,
  type OscalControlInput,
  type OscalFile,
  type OscalOptions,
  type OscalOutput,
} from './types.js';
export { uuidV5, stableUuid } from './uuid.js';

/**
 * Every OSCAL document of a bundle, each referenced one before the document that references it (catalogs,
 * profile, SSP, plan, results), since each reference carries the SHA-256 of the text it points to.
 */
export function renderOscalDocuments(evidence: Evidence, opts: OscalOptions): OscalOutput[] {
  if (opts.controls.length === 0)
    throw new AppError(
      'USAGE',
      'OSCAL output needs at least one control: --frameworks selected none (choose from soc2, iso27001, gdpr)',
    );
  const catalogs = renderCatalogs(evidence, opts);
  const profile = renderProfile(
    evidence,
    opts.controls,
    frameworksOf(opts.controls).map((framework, i) => ({ framework, file: catalogs[i]! })),
  );
  const ssp = renderSsp(evidence, opts.controls, profile);
  const plan = renderPlan(evidence, opts.controls, ssp);
  const results = renderResults(evidence, opts, plan);
  const whole = (f: OscalFile): OscalOutput => ({ path: f.path, chunks: () => [f.text] });
  return [...[...catalogs, profile, ssp, plan].map(whole), results];
}
