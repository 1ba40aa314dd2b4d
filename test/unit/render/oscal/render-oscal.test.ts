import { createHash } from 'node:crypto';
import type { Evidence } from '../../../../src/model/evidence.js';
import type { Finding } from '../../../../src/model/finding.js';
import {
  controlToken,
  OSCAL_FILES,
  PLACEHOLDER_ORGANISATION,
  renderOscalDocuments,
  uuidV5,
  type OscalOptions,
} from '../../../../src/render/oscal/index.js';
import { demoControls, demoEvidence, demoFindings } from './demo-evidence.js';
import { danglingIds, followReferences } from './follow-references.js';
import { modelOf, oscalValidator } from './oscal-schemas.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EVIDENCE_SHA = createHash('sha256').update('evidence').digest('hex');

function render(e: Evidence, opts: Partial<OscalOptions> = {}): Map<string, string> {
  const docs = renderOscalDocuments(e, {
    controls: demoControls(demoFindings),
    evidenceSha256: EVIDENCE_SHA,
    ...opts,
  });
  return new Map(docs.map((d) => [d.path, [...d.chunks()].join('')]));
}

function parsed(files: Map<string, string>, file: string): Json {
  const text = files.get(file);
  if (text === undefined) throw new Error(`${file} was not rendered`);
  return Object.values(JSON.parse(text) as Json)[0] as Json;
}

const result = (files: Map<string, string>): Json => parsed(files, OSCAL_FILES.results).results[0];

function reviewedIds(doc: Json): string[] {
  return (doc['reviewed-controls']['control-selections'] as Json[]).flatMap((s) =>
    ((s['include-controls'] ?? []) as Json[]).map((c) => c['control-id'] as string),
  );
}

describe('renderOscalDocuments', () => {
  describe('when the demo cluster has findings and controls of every status', () => {
    it('writes catalogs, profile, SSP stub, plan and results, each valid against its NIST OSCAL 1.1.2 schema', async () => {
      const files = render(await demoEvidence());
      expect([...files.keys()]).toEqual([
        'oscal-catalog-soc2.json',
        'oscal-catalog-iso27001.json',
        'oscal-catalog-gdpr.json',
        'oscal-profile.json',
        'oscal-ssp.json',
        'oscal-assessment-plan.json',
        'oscal-assessment-results.json',
      ]);
      for (const [file, text] of files) {
        const doc = JSON.parse(text) as object;
        const validate = await oscalValidator(modelOf(doc));
        validate(doc);
        expect({ file, errors: validate.errors ?? [] }).toEqual({ file, errors: [] });
      }
    });

    it('lets an importer follow results -> plan -> SSP -> profile -> every catalog, each pinned by SHA-256', async () => {
      const files = render(await demoEvidence());
      const followed = followReferences(files, OSCAL_FILES.results);
      expect(followed.problems).toEqual([]);
      expect([...followed.docs.keys()].sort()).toEqual([...files.keys()].sort());
    });

    it('uses, in every document, only control and statement ids its catalogs define', async () => {
      const followed = followReferences(render(await demoEvidence()), OSCAL_FILES.results);
      expect(danglingIds(followed.docs)).toEqual([]);
      // The check can fail: a control id no catalog defines is named.
      const files = render(await demoEvidence());
      files.set(
        OSCAL_FILES.profile,
        files.get(OSCAL_FILES.profile)!.replace('"soc2-cc6.1"', '"soc2-cc6.99"'),
      );
      expect(danglingIds(followReferences(files, OSCAL_FILES.ssp).docs)).toEqual([
        'oscal-profile.json: control soc2-cc6.99',
      ]);
    });

    it('cites evidence.json with its SHA-256 from every observation', async () => {
      const files = render(await demoEvidence());
      const ar = parsed(files, OSCAL_FILES.results);
      const res = (ar['back-matter'].resources as Json[]).find((r) => r.rlinks[0].href === 'evidence.json');
      expect(res?.rlinks[0].hashes).toEqual([{ algorithm: 'SHA-256', value: EVIDENCE_SHA }]);
      for (const o of result(files).observations as Json[])
        expect(o['relevant-evidence'][0].href).toBe(`#${res?.uuid}`);
    });

    it('targets, in every finding, the statement part of a control of the bundle’s catalogs', async () => {
      const files = render(await demoEvidence());
      const statements = new Map<string, string>();
      for (const fw of ['soc2', 'iso27001', 'gdpr'])
        for (const c of parsed(files, OSCAL_FILES.catalog(fw)).controls as Json[])
          for (const p of c.parts as Json[]) statements.set(p.id, c.id);
      const findings = result(files).findings as Json[];
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.target.type).toBe('statement-id');
        expect(statements.has(f.target['target-id'])).toBe(true);
      }
      const cc61 = findings.find((f) => f.target['target-id'] === 'soc2-cc6.1_smt');
      expect(cc61?.target.status.state).toBe('not-satisfied');
      expect(statements.get('gdpr-art.28.2_smt')).toBe('gdpr-art.28.2');
      const soc2 = parsed(files, OSCAL_FILES.catalog('soc2')).controls as Json[];
      expect(soc2.find((c) => c.id === 'soc2-cc6.1')?.props).toEqual([{ name: 'label', value: 'CC6.1' }]);
    });

    it('lists only tested controls as reviewed, in the plan and the results, and names the others', async () => {
      const files = render(await demoEvidence());
      const plan = parsed(files, OSCAL_FILES.plan);
      const tested = ['gdpr-art.28.2', 'iso27001-a.8.22', 'soc2-cc6.1'];
      expect(reviewedIds(plan).sort()).toEqual(tested);
      expect(reviewedIds(result(files)).sort()).toEqual(tested);
      expect(result(files).findings.some((f: Json) => f.target['target-id'] === 'soc2-cc8.1_smt')).toBe(
        false,
      );
      expect(result(files).remarks).toContain('SOC 2 CC8.1');
      expect(plan['reviewed-controls'].remarks).toContain('SOC 2 CC8.1');
      // The SSP's baseline still holds every control in scope, tested or not.
      const ssp = parsed(files, OSCAL_FILES.ssp);
      expect(
        ssp['control-implementation']['implemented-requirements'].map((r: Json) => r['control-id']),
      ).toContain('soc2-cc8.1');
    });

    it('describes each check that ran as a plan activity naming the controls it addresses and supports', async () => {
      const plan = parsed(render(await demoEvidence()), OSCAL_FILES.plan);
      const activities = plan['local-definitions'].activities as Json[];
      expect(activities.map((a) => a.title)).toEqual(['allow-all-ingress', 'default-deny-ingress-missing']);
      const deny = activities[1]!['related-controls']['control-selections'] as Json[];
      expect(
        deny.map((s) => [s.props[0].value, s['include-controls'].map((c: Json) => c['control-id'])]),
      ).toEqual([
        ['addresses', ['soc2-cc6.1']],
        ['supports', ['iso27001-a.8.22']],
      ]);
      expect(plan.tasks[0]['associated-activities']).toHaveLength(2);
    });

    it('links each not-satisfied control to the observations and risks of its findings', async () => {
      const files = render(await demoEvidence());
      const r = result(files);
      const obsByFinding = new Map(
        (r.observations as Json[]).map((o) => [o.props.find((p: Json) => p.name === 'finding-id')?.value, o]),
      );
      const cc61 = (r.findings as Json[]).find((f) => f.target['target-id'] === 'soc2-cc6.1_smt');
      expect(cc61?.['related-observations'].map((x: Json) => x['observation-uuid']).sort()).toEqual(
        demoFindings.map((f) => obsByFinding.get(f.id)?.uuid).sort(),
      );
      const riskUuids = new Set((r.risks as Json[]).map((x) => x.uuid));
      expect(cc61?.['related-risks']).toHaveLength(2);
      for (const x of cc61?.['related-risks'] as Json[]) expect(riskUuids.has(x['risk-uuid'])).toBe(true);
      expect(obsByFinding.get(demoFindings[1]!.id)?.methods).toEqual(['TEST']);
      expect(obsByFinding.get(demoFindings[0]!.id)?.methods).toEqual(['EXAMINE']);
    });

    it('gives byte-identical output for the same evidence', async () => {
      const a = render(await demoEvidence());
      const b = render(await demoEvidence());
      expect([...b.entries()]).toEqual([...a.entries()]);
    });
  });

  describe('when findings are open, accepted, expired or informational', () => {
    const register = {
      approver: 'CISO',
      justification: 'Migrating by Q3.',
      expires: '2026-06-30',
      approved: '2026-01-02',
      riskOwner: 'Head of Platform',
      ticket: 'SEC-42',
    };
    const excepted = (f: Finding, status: 'accepted' | 'expired'): Finding => ({
      ...f,
      exception: { status, ...register },
    });
    async function evidence(): Promise<Evidence> {
      const e = await demoEvidence();
      const extra: Finding[] = [
        excepted({ ...demoFindings[0]!, id: 'F-accepted', severity: 'medium' }, 'accepted'),
        excepted({ ...demoFindings[0]!, id: 'F-expired' }, 'expired'),
        { ...demoFindings[0]!, id: 'F-info', severity: 'info' },
      ];
      const review = {
        ...register,
        rule: demoFindings[0]!.rule,
        compensatingControls: ['WAF in front of web', 'weekly log review'],
        state: 'accepted' as const,
        findingIds: ['F-accepted'],
        validityDays: 179,
        validityFrom: 'approved' as const,
        raised: [],
      };
      return { ...e, findings: [...e.findings, ...extra], exceptions: [review] };
    }
    const riskOf = (r: Json, id: string): Json | undefined =>
      (r.risks as Json[]).find((x) => x.props.some((p: Json) => p.name === 'finding-id' && p.value === id));

    it('marks an accepted one risk-accepted with the exception’s expiry as deadline, the others open', async () => {
      const r = result(render(await evidence()));
      expect(riskOf(r, 'F-accepted')).toMatchObject({
        status: 'risk-accepted',
        deadline: '2026-06-30T23:59:59Z',
      });
      expect(riskOf(r, 'F-accepted')?.description).toContain('Accepted by CISO until 2026-06-30');
      expect(riskOf(r, 'F-expired')?.status).toBe('open');
      expect(riskOf(r, 'F-expired')?.deadline).toBeUndefined();
      expect(riskOf(r, 'F-expired')?.description).toContain('it has expired');
      expect(riskOf(r, demoFindings[1]!.id)).toMatchObject({ status: 'open' });
      expect(riskOf(r, 'F-info')).toBeUndefined();
      const accepted = riskOf(r, 'F-accepted');
      expect(accepted?.['mitigating-factors'].map((m: Json) => m.description)).toEqual([
        'Compensating control named by the exception: WAF in front of web',
        'Compensating control named by the exception: weekly log review',
      ]);
      expect(accepted?.['risk-log'].entries).toEqual([
        expect.objectContaining({
          start: '2026-01-02T00:00:00Z',
          end: '2026-06-30T23:59:59Z',
          'status-change': 'risk-accepted',
          description:
            'Accepted (approved by CISO, risk owner Head of Platform, ticket SEC-42): Migrating by Q3.',
        }),
      ]);
      expect(accepted?.props.filter((p: Json) => ['risk-owner', 'ticket'].includes(p.name))).toEqual([
        { name: 'risk-owner', ns: 'urn:netpol-evidence:oscal', value: 'Head of Platform' },
        { name: 'ticket', ns: 'urn:netpol-evidence:oscal', value: 'SEC-42' },
      ]);
      expect(riskOf(r, 'F-expired')?.['mitigating-factors']).toBeUndefined();
      const validate = await oscalValidator('assessment-results');
      validate(JSON.parse(render(await evidence()).get(OSCAL_FILES.results)!));
      expect(validate.errors ?? []).toEqual([]);
    });
  });

  describe('times', () => {
    const at = (e: Evidence, startedAt: string, finishedAt: string, generatedAt: string): Evidence => ({
      ...e,
      generatedAt,
      snapshot: { ...e.snapshot, collection: { ...e.snapshot.collection, startedAt, finishedAt } },
    });
    it.each([
      [
        'a live run (report time taken before collection)',
        '2026-01-15T10:00:05Z',
        '2026-01-15T10:00:40Z',
        '2026-01-15T10:00:00Z',
      ],
      [
        'a saved snapshot (collected days before the report)',
        '2026-01-10T08:00:00Z',
        '2026-01-10T08:01:00Z',
        '2026-01-15T10:00:00Z',
      ],
    ])('keep start <= collected <= end for %s', async (_, startedAt, finishedAt, generatedAt) => {
      const r = result(render(at(await demoEvidence(), startedAt, finishedAt, generatedAt)));
      const t = (s: string): number => Date.parse(s);
      expect(r.start).toBe(startedAt);
      for (const o of r.observations as Json[]) {
        expect(t(r.start)).toBeLessThanOrEqual(t(o.collected));
        expect(t(o.collected)).toBeLessThanOrEqual(t(r.end));
        expect(o.collected).toBe(finishedAt);
      }
      expect(t(r.end)).toBe(Math.max(t(finishedAt), t(generatedAt)));
    });
  });

  describe('parties', () => {
    it('names the organisation given with --organisation as the party the documents are prepared for', async () => {
      const files = render({ ...(await demoEvidence()), organisation: 'ACME Payments GmbH' });
      for (const file of [OSCAL_FILES.results, OSCAL_FILES.plan, OSCAL_FILES.ssp]) {
        const md = parsed(files, file).metadata as Json;
        expect(md.parties).toHaveLength(1);
        expect(md.parties[0]).toMatchObject({ type: 'organization', name: 'ACME Payments GmbH' });
        const prepared = (md['responsible-parties'] as Json[]).find((p) => p['role-id'] === 'prepared-for');
        expect(prepared?.['party-uuids']).toEqual([md.parties[0].uuid]);
      }
      const tool = parsed(files, OSCAL_FILES.plan)['assessment-assets'].components[0];
      expect(tool).toMatchObject({ type: 'software', title: 'netpol-evidence' });
      const actor = result(files).observations[0].origins[0].actors[0];
      expect(actor).toEqual({ type: 'tool', 'actor-uuid': tool.uuid });
    });

    it('uses a documented placeholder party when no organisation was given', async () => {
      const md = parsed(render(await demoEvidence()), OSCAL_FILES.results).metadata as Json;
      expect(md.parties[0].name).toBe(PLACEHOLDER_ORGANISATION);
    });
  });

  describe('for a live cluster', () => {
    it('identifies the system by its kube-system namespace UID', async () => {
      const e = await demoEvidence();
      const live: Evidence = {
        ...e,
        snapshot: {
          ...e.snapshot,
          source: {
            type: 'cluster',
            name: 'prod',
            cluster: {
              server: 'https://10.0.0.1:6443',
              kubeSystemUid: '4f1c7d2e-0b7a-4c36-9a55-1d2f3e4a5b6c',
            },
          },
        },
      };
      const files = render(live);
      const sys = parsed(files, OSCAL_FILES.ssp)['system-characteristics'] as Json;
      expect(sys['system-ids']).toEqual([
        { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: '4f1c7d2e-0b7a-4c36-9a55-1d2f3e4a5b6c' },
      ]);
      expect(sys.status.state).toBe('operational');
      const validate = await oscalValidator('ssp');
      expect(validate(JSON.parse(files.get(OSCAL_FILES.ssp)!))).toBe(true);
    });
  });

  describe('when a document is changed after it was rendered', () => {
    it('breaks the SHA-256 the referring document pins, so an importer stops', async () => {
      const files = render(await demoEvidence());
      files.set(
        OSCAL_FILES.plan,
        files.get(OSCAL_FILES.plan)!.replace('allow-all-ingress', 'allow-all-ingres'),
      );
      expect(followReferences(files, OSCAL_FILES.results).problems).toEqual([
        'oscal-assessment-results.json: oscal-assessment-plan.json does not match its SHA-256',
      ]);
    });
  });

  describe('when a document breaks a schema', () => {
    it.each([
      [OSCAL_FILES.results, '/assessment-results/uuid'],
      [OSCAL_FILES.plan, '/assessment-plan/uuid'],
      [OSCAL_FILES.ssp, '/system-security-plan/uuid'],
      [OSCAL_FILES.profile, '/profile/uuid'],
      [OSCAL_FILES.catalog('soc2'), '/catalog/uuid'],
    ])('%s is rejected, so the schema check is not vacuous', async (file, at) => {
      const doc = JSON.parse(render(await demoEvidence()).get(file)!) as Json;
      const key = Object.keys(doc)[0]!;
      const broken = { [key]: { ...doc[key], uuid: 'not-a-uuid' } };
      const validate = await oscalValidator(modelOf(broken));
      expect(validate(broken)).toBe(false);
      expect(validate.errors?.map((x) => x.instancePath)).toContain(at);
    });
  });

  describe('when only SOC 2 is in scope', () => {
    it('writes one catalog, and the chain still resolves and validates', async () => {
      const files = render(await demoEvidence(), {
        controls: demoControls(demoFindings).filter((c) => c.framework === 'soc2'),
      });
      expect([...files.keys()].filter((f) => f.startsWith('oscal-catalog-'))).toEqual([
        'oscal-catalog-soc2.json',
      ]);
      const followed = followReferences(files, OSCAL_FILES.results);
      expect(followed.problems).toEqual([]);
      expect(danglingIds(followed.docs)).toEqual([]);
      for (const text of files.values()) {
        const doc = JSON.parse(text) as object;
        expect((await oscalValidator(modelOf(doc)))(doc)).toBe(true);
      }
    });
  });

  describe('when there are no findings', () => {
    it('still writes valid documents', async () => {
      const files = render({ ...(await demoEvidence()), findings: [] });
      for (const text of files.values()) {
        const doc = JSON.parse(text) as object;
        expect((await oscalValidator(modelOf(doc)))(doc)).toBe(true);
      }
    });
  });

  describe('when no control is in scope', () => {
    it('refuses with a usage error naming --frameworks', async () => {
      expect(() => renderOscalDocuments({ ...({} as Evidence) }, { controls: [] })).toThrow(/--frameworks/);
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
