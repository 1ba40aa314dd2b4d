// The register of accepted risks as an auditor tests it: validity, pinning, unmatched and self-approved exceptions.
import { withEvidenceHash } from '../../../src/compliance/evidence-hash.js';
import { applyExceptions } from '../../../src/compliance/exceptions.js';
import { makeFinding } from '../../../src/compliance/make-finding.js';
import type { RiskException } from '../../../src/model/compliance.js';
import type { GitChange, GitEvidence } from '../../../src/model/git.js';
import { fixedClock } from '../../helpers/paths.js';

const allowAll = withEvidenceHash(
  makeFinding({
    rule: 'allow-all-rule',
    severity: 'high',
    resource: { kind: 'NetworkPolicy', namespace: 'staging', name: 'allow-everything-in' },
    message: 'staging/allow-everything-in allows all ingress',
    explanation: 'staging/allow-everything-in spec.ingress[0]: no from',
  }),
);
const base: RiskException = {
  rule: 'allow-all-rule',
  resource: { namespace: 'staging', name: 'allow-everything-in' },
  justification: 'QA rigs',
  approver: 'Dana Ruiz (CISO)',
  expires: '2026-06-30',
  origin: 'exceptions.yaml:2',
};

function apply(exceptions: RiskException[], opts: Parameters<typeof applyExceptions>[3] = {}) {
  return applyExceptions([allowAll], { file: 'exceptions.yaml', exceptions }, fixedClock(), opts);
}

const rules = (r: ReturnType<typeof apply>): string[] => r.findings.slice(1).map((f) => f.rule);

describe('the exceptions register', () => {
  describe('when an exception records approval date, risk owner, controls and ticket', () => {
    it('carries them onto the finding and into the register entry', () => {
      const e = {
        ...base,
        approved: '2026-01-02',
        riskOwner: 'Lee Chen',
        compensatingControls: ['QA rig addresses are logged'],
        ticket: 'RISK-1',
      };
      const r = apply([e]);
      expect(r.findings[0]?.exception).toMatchObject({
        status: 'accepted',
        approved: '2026-01-02',
        riskOwner: 'Lee Chen',
        ticket: 'RISK-1',
      });
      expect(r.reviews[0]).toMatchObject({
        state: 'accepted',
        findingIds: [allowAll.id],
        validityDays: 179,
        validityFrom: 'approved',
        compensatingControls: ['QA rig addresses are logged'],
        raised: [],
      });
      expect(rules(r)).toEqual([]);
    });
  });

  describe('when the validity exceeds the maximum', () => {
    it('raises exception-too-long counted from the approval date, and the exception still applies', () => {
      const r = apply([{ ...base, approved: '2026-01-01', expires: '2027-01-02' }]);
      expect(r.findings[0]?.exception?.status).toBe('accepted');
      expect(r.findings[1]).toMatchObject({ rule: 'exception-too-long', severity: 'medium' });
      expect(r.findings[1]?.message).toMatch(
        /valid for 366 days \(approved 2026-01-01, expires 2027-01-02\)/,
      );
      expect(r.reviews[0]?.raised).toEqual([r.findings[1]?.id]);
    });

    it('counts from the run date when no approval date is recorded (a lower bound)', () => {
      const r = apply([{ ...base, expires: '2027-01-16' }]);
      expect(r.reviews[0]).toMatchObject({ validityDays: 366, validityFrom: 'runDate' });
      expect(r.findings[1]?.message).toMatch(/at least 366 more days \(no approved date/);
      expect(rules(apply([{ ...base, expires: '2027-01-15' }]))).toEqual([]);
    });

    it('honours --max-exception-days', () => {
      const e = { ...base, approved: '2026-01-01', expires: '2026-03-01' };
      expect(rules(apply([e], { maxDays: 30 }))).toEqual(['exception-too-long']);
      expect(rules(apply([e], { maxDays: 59 }))).toEqual([]);
    });
  });

  describe('when an exception is pinned to an evidence hash', () => {
    it('applies while the finding has that hash (its first 12 digits are enough)', () => {
      const pin = (allowAll.evidenceHash ?? '').slice(0, 12);
      const r = apply([{ ...base, evidenceHash: pin }]);
      expect(r.findings[0]?.exception?.status).toBe('accepted');
      expect(r.reviews[0]?.state).toBe('accepted');
    });

    it('no longer applies when the finding changed, and says so in a finding', () => {
      const r = apply([{ ...base, evidenceHash: '000000000000' }]);
      expect(r.findings[0]?.exception).toBeUndefined();
      expect(r.reviews[0]).toMatchObject({ state: 'findingChanged', findingIds: [allowAll.id] });
      expect(r.findings[1]).toMatchObject({ rule: 'exception-finding-changed', severity: 'medium' });
      expect(r.findings[1]?.message).toContain(allowAll.id);
    });

    it('gives a different hash when the cause of the finding changes', () => {
      const moved = withEvidenceHash({
        ...allowAll,
        explanation: 'staging/allow-everything-in spec.ingress[1]',
      });
      expect(moved.evidenceHash).not.toBe(allowAll.evidenceHash);
      expect(withEvidenceHash(allowAll).evidenceHash).toBe(allowAll.evidenceHash);
    });
  });

  describe('when an exception matches no finding', () => {
    it('is an unmatched-exception finding and the register says so', () => {
      const r = apply([{ ...base, resource: { namespace: 'web', name: 'gone' } }]);
      expect(r.reviews[0]).toMatchObject({ state: 'noMatch', findingIds: [] });
      expect(r.findings[1]).toMatchObject({
        rule: 'unmatched-exception',
        severity: 'low',
        resource: { kind: 'Exception', name: 'allow-all-rule web/gone' },
      });
      expect(r.warnings).toEqual([
        'exceptions.yaml:2: exception for allow-all-rule web/gone matches no finding',
      ]);
    });
  });

  describe('when the approver authored the excepted change', () => {
    const commit = (author: { name: string; email: string }): GitChange => ({
      sha: 'abc123def4567890',
      parents: [],
      author: { ...author, date: '2026-01-06T10:00:00Z' },
      committer: { ...author, date: '2026-01-06T10:00:00Z' },
      subject: 'hotfix: open the staging preview',
      trailers: [],
      files: [{ status: 'modified', path: 'clusters/prod/staging.yaml' }],
      signature: { status: 'none', format: 'none' },
      review: { reviewed: false, kind: 'none', approvers: [] },
    });
    const git = (author: { name: string; email: string }): GitEvidence => ({
      repo: 'gitops',
      ref: 'main',
      headSha: 'abc123def4567890',
      paths: ['clusters/prod/**'],
      period: { since: '2025-10-01T00:00:00Z', until: '2026-01-15T00:00:00Z' },
      commits: [commit(author)],
      policyChanges: [
        {
          kind: 'NetworkPolicy',
          namespace: 'staging',
          name: 'allow-everything-in',
          changes: [
            {
              sha: 'abc123def4567890',
              date: '2026-01-06T10:00:00Z',
              action: 'modified',
              path: 'staging.yaml',
            },
          ],
        },
      ],
      unrendered: [],
      headPolicies: { networkPolicies: [], adminNetworkPolicies: [], baselineAdminNetworkPolicies: [] },
      warnings: [],
    });
    const sam = { name: 'Sam Oncall', email: 'sam@acmepay.example' };

    it.each([
      { approver: 'Sam Oncall <sam@acmepay.example>' },
      { approver: 'SAM@acmepay.example' },
      { approver: 'Sam Oncall (SRE)' },
    ])('is exception-self-approved (A.5.3) for "$approver"', ({ approver }) => {
      const r = apply([{ ...base, approver }], { git: git(sam) });
      expect(r.findings[1]).toMatchObject({ rule: 'exception-self-approved', severity: 'high' });
      expect(r.findings[1]?.message).toMatch(/who authored the excepted change \(commit abc123def456\)/);
    });

    it('is no finding when someone else approved it, or Git does not show the change', () => {
      expect(rules(apply([base], { git: git(sam) }))).toEqual([]);
      expect(rules(apply([{ ...base, approver: 'Sam Oncall' }]))).toEqual([]);
      expect(
        rules(apply([{ ...base, approver: 'Sam Oncall <sam@elsewhere.example>' }], { git: git(sam) })),
      ).toEqual([]);
    });
  });
});
