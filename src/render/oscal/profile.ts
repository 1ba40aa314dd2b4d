// The SSP's baseline: one OSCAL profile importing every control of the report's catalogs (relative hrefs,
// each catalog pinned by its SHA-256 in the back-matter).
import type { Evidence } from '../../model/evidence.js';
import { metadata, oscalFileResource, toText } from './common.js';
import { controlTokens } from './catalog.js';
import { frameworkName } from './findings.js';
import { OSCAL_FILES, type OscalControlInput, type OscalFile } from './types.js';
import { stableUuid } from './uuid.js';

export function renderProfile(
  e: Evidence,
  controls: readonly OscalControlInput[],
  catalogs: readonly { framework: string; file: OscalFile }[],
): OscalFile {
  const doc = {
    profile: {
      uuid: stableUuid(`profile/${e.reportId}`),
      metadata: metadata(
        e,
        `Baseline of ${e.snapshot.source.name}: the controls in scope of this report`,
        [],
      ),
      imports: catalogs.map(({ framework, file }) => ({
        href: file.path,
        'include-controls': [
          {
            'with-ids': controlTokens(controls, framework),
          },
        ],
      })),
      merge: { 'as-is': true },
      'back-matter': {
        resources: catalogs.map(({ framework, file }) =>
          oscalFileResource(e, `${frameworkName(framework)} catalog (this bundle)`, file),
        ),
      },
    },
  };
  return { path: OSCAL_FILES.profile, text: toText(doc) };
}
