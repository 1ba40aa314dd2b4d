import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { controlToken, renderOscal, uuidV5 } from '../../../../src/render/oscal/index.js';
import { repoRoot } from '../../../helpers/paths.js';
import { demoControls, demoEvidence, demoFindings } from './demo-evidence.js';

const addFormats = addFormatsModule.default;

async function validator(): Promise<ReturnType<Ajv['compile']>> {
  const schema = JSON.parse(
    await readFile(path.join(repoRoot, 'test/fixtures/oscal/oscal_assessment-results_schema.json'), 'utf8'),
  ) as object;
  // NIST's schema is draft-07 with \p{L} patterns: ajv compiles them with the "u" flag (unicodeRegExp, default).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

type Doc = { 'assessment-results': { results: Record<string, unknown>[] } & Record<string, unknown> };

describe('renderOscal', () => {
  describe('when the demo cluster has findings and controls of every status', () => {
    it('validates against NIST OSCAL 1.1.2 assessment-results schema with zero errors', async () => {
      const e = await demoEvidence();
      const text = renderOscal(e, { controls: demoControls(demoFindings) });
      const validate = await validator();
      const ok = validate(JSON.parse(text));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

    it('links each not-satisfied control to the observations of its findings', async () => {
      const e = await demoEvidence();
      const doc = JSON.parse(renderOscal(e, { controls: demoControls(demoFindings) })) as Doc;
      const result = doc['assessment-results'].results[0] as {
        observations: { uuid: string; props: { name: string; value: string }[]; methods: string[] }[];
        findings: {
          target: { 'target-id': string; status: { state: string } };
          'related-observations'?: { 'observation-uuid': string }[];
        }[];
      };
      const obsByFinding = new Map(
        result.observations.map((o) => [o.props.find((p) => p.name === 'finding-id')?.value, o]),
      );
      const cc61 = result.findings.find((f) => f.target['target-id'] === 'soc2-cc6.1');
      expect(cc61?.target.status.state).toBe('not-satisfied');
      expect(cc61?.['related-observations']?.map((r) => r['observation-uuid']).sort()).toEqual(
        demoFindings.map((f) => obsByFinding.get(f.id)?.uuid).sort(),
      );
      expect(
        result.findings.find((f) => f.target['target-id'] === 'gdpr-art.28.2')?.target.status.state,
      ).toBe('satisfied');
      // notTested controls get no finding (OSCAL has no "not tested" state) and are named in the remarks.
      expect(result.findings.some((f) => f.target['target-id'] === 'soc2-cc8.1')).toBe(false);
      expect(obsByFinding.get(demoFindings[1]!.id)?.methods).toEqual(['TEST']);
      expect(obsByFinding.get(demoFindings[0]!.id)?.methods).toEqual(['EXAMINE']);
    });

    it('gives byte-identical output for the same evidence', async () => {
      const a = renderOscal(await demoEvidence(), { controls: demoControls(demoFindings) });
      const b = renderOscal(await demoEvidence(), { controls: [...demoControls(demoFindings)].reverse() });
      expect(a).toBe(b);
    });
  });

  describe('when a document breaks the schema', () => {
    it('is rejected, so the schema check is not vacuous', async () => {
      const doc = JSON.parse(renderOscal(await demoEvidence(), { controls: [] })) as Doc;
      const broken = { 'assessment-results': { ...doc['assessment-results'], uuid: 'not-a-uuid' } };
      const validate = await validator();
      expect(validate(broken)).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath)).toContain('/assessment-results/uuid');
    });
  });

  describe('when there are no findings and no controls', () => {
    it('still writes a valid document', async () => {
      const e = { ...(await demoEvidence()), findings: [] };
      const validate = await validator();
      expect(validate(JSON.parse(renderOscal(e, { controls: [] })))).toBe(true);
    });
  });
});

describe('controlToken', () => {
  it.each([
    ['soc2', 'CC6.1', 'soc2-cc6.1', 'criteria keep their dots'],
    ['iso27001', 'A.8.22', 'iso27001-a.8.22', 'Annex A ids lower-cased'],
    ['gdpr', 'Art. 28(2)', 'gdpr-art.28.2', 'spaces and parentheses become single dots'],
    ['gdpr', 'Art. 32', 'gdpr-art.32', 'no trailing dot'],
  ])('maps %s %s to %s (%s)', (fw, id, token) => {
    expect(controlToken(fw, id)).toBe(token);
    expect(token).toMatch(/^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u);
  });
});

describe('uuidV5', () => {
  it('matches the RFC 4122 version-5 value of a well-known name', () => {
    // uuid v5 of "www.example.com" in the DNS namespace, as Python's uuid.uuid5 computes it.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
