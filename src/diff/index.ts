// The diff area's public face: the CLI and the period report import only from here.
export type * from './types.js';
export { diffEvidence } from './diff-evidence.js';
export { diffPolicies, policyVersions } from './policies.js';
export { formatDiffText } from './format-text.js';
export { buildDiffView } from './diff-view.js';
export { diffPaths } from './paths.js';
export { diffControls, diffFindings, diffVendors } from './compliance.js';
export {
  evidencePart,
  readControls,
  readRegister,
  controlKey,
  type ControlRow,
  type VendorRow,
} from './sections.js';
