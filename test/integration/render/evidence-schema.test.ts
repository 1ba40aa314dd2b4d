import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { renderEvidenceJson } from '../../../src/render/json/evidence-json.js';
import { repoRoot } from '../../helpers/paths.js';
import { demoEvidence } from '../../unit/render/oscal/demo-evidence.js';

const addFormats = addFormatsModule.default;

type Item = Record<string, unknown>;
type Json = { findings: Item[]; controls: Item[]; connections: Item[]; changes: { review: Item }[] };

async function validator(): Promise<ReturnType<Ajv['compile']>> {
  const schema = JSON.parse(
    await readFile(path.join(repoRoot, 'docs/evidence.schema.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('docs/evidence.schema.json', () => {
  describe('when evidence.json is built from the demo cluster', () => {
    it('accepts it with no error', async () => {
      const validate = await validator();
      const json = JSON.parse(renderEvidenceJson(await demoEvidence())) as unknown;
      validate(json);
      expect(validate.errors ?? []).toEqual([]);
    });
  });

  describe.each([
    [
      'a finding has an unknown severity',
      (e: Json) => (e.findings[0]!.severity = 'urgent'),
      '/findings/0/severity',
    ],
    ['a control has an unknown status', (e: Json) => (e.controls[0]!.status = 'done'), '/controls/0/status'],
    ['a connection lacks its text', (e: Json) => delete e.connections[0]!.text, '/connections/0'],
    [
      "a change's review source is not api, message or none",
      (e: Json) =>
        (e.changes = [
          {
            ...{
              sha: 'a'.repeat(40),
              parents: [],
              author: {},
              committer: {},
              subject: 's',
              files: [],
              signature: {},
            },
            review: { reviewed: true, kind: 'merge-request', approvers: [], source: 'guessed' },
          },
        ]),
      '/changes/0/review/source',
    ],
  ])('when %s', (_why, breakIt, where) => {
    it(`rejects it at ${where}`, async () => {
      const validate = await validator();
      const json = JSON.parse(renderEvidenceJson(await demoEvidence())) as Json;
      breakIt(json);
      expect(validate(json)).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath)).toContain(where);
    });
  });
});
