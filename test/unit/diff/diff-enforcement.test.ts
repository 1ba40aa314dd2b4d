import path from 'node:path';
import { readFlowFiles } from '../../../src/collect/flows/index.js';
import { diffEvidence } from '../../../src/diff/diff-evidence.js';
import { buildDiffView } from '../../../src/diff/diff-view.js';
import { formatDiffText } from '../../../src/diff/format-text.js';
import { compareObservedFlows } from '../../../src/run/flows.js';
import { repoRoot } from '../../helpers/paths.js';
import { demoEvidence } from '../render/oscal/demo-evidence.js';

describe('diff of two bundles and their observed flows', () => {
  describe('when only the newer report read flows', () => {
    it('lists each outcome with "no flows" on the older side, in JSON, text and HTML view', async () => {
      const before = await demoEvidence();
      const obs = await readFlowFiles([
        path.join(repoRoot, 'test', 'fixtures', 'flows', 'hubble-observe.json'),
      ]);
      const after = { ...before, flows: compareObservedFlows(before.snapshot, obs).section };
      const d = diffEvidence(before, after);
      expect(d.enforcement).toEqual([
        { measure: 'flows read', after: 6 },
        { measure: 'allowed and forwarded', after: 1 },
        { measure: 'enforcement seen', after: 2 },
        { measure: 'unenforced', after: 2 },
        { measure: 'dropped although allowed', after: 0 },
      ]);
      expect(formatDiffText(d)).toContain('  unenforced: (no flows) -> 2');
      const view = buildDiffView(d, '');
      expect(view.sections.map((s) => s.id)).toContain('diff-enforcement');
    });
  });

  describe('when neither report read flows', () => {
    it('leaves the enforcement comparison out', async () => {
      const e = await demoEvidence();
      const d = diffEvidence(e, e);
      expect(d.enforcement).toBeUndefined();
      expect(formatDiffText(d)).not.toContain('Enforcement');
    });
  });
});
