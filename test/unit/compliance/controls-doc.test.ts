// docs/controls.md carries the crosswalk tables generated from controls/; `npm run test:update` refreshes them.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crosswalkMarkdown } from '../../../src/compliance/crosswalk-markdown.js';
import { loadCatalogs } from '../../../src/config/load-catalogs.js';
import { repoRoot } from '../../helpers/paths.js';

const BEGIN = '<!-- BEGIN GENERATED from controls/ by test/unit/compliance/controls-doc.test.ts -->\n';
const END = '<!-- END GENERATED -->';

describe('docs/controls.md', () => {
  describe('when the catalogs or the crosswalk change', () => {
    it('shows the same tables as controls/ (regenerate with npm run test:update)', async () => {
      const file = path.join(repoRoot, 'docs', 'controls.md');
      const text = await readFile(file, 'utf8');
      const start = text.indexOf(BEGIN);
      const end = text.indexOf(END);
      expect(start).toBeGreaterThan(0);
      expect(end).toBeGreaterThan(start);
      const expected = `${text.slice(0, start + BEGIN.length)}\n${crosswalkMarkdown(await loadCatalogs())}\n${text.slice(end)}`;
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, expected);
      expect(await readFile(file, 'utf8')).toBe(expected);
    });
  });
});
