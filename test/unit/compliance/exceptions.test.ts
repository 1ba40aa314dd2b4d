import { applyExceptions } from '../../../src/compliance/exceptions.js';
import { makeFinding } from '../../../src/compliance/make-finding.js';
import type { RiskException } from '../../../src/model/compliance.js';
import { fixedClock } from '../../helpers/paths.js';

const allowAll = makeFinding({
  rule: 'allow-all-rule',
  severity: 'high',
  resource: { kind: 'NetworkPolicy', namespace: 'staging', name: 'allow-everything-in' },
  message: 'staging/allow-everything-in allows all ingress',
});
const base = {
  justification: 'QA rigs',
  approver: 'Dana',
  expires: '2026-06-30',
  origin: 'exceptions.yaml:2',
};

function apply(exceptions: RiskException[]) {
  return applyExceptions([allowAll], { file: 'exceptions.yaml', exceptions }, fixedClock());
}

describe('applyExceptions', () => {
  describe('when an exception names a finding', () => {
    it.each([
      { reason: 'by id', e: { ...base, findingId: allowAll.id } },
      {
        reason: 'by rule and resource',
        e: {
          ...base,
          rule: 'allow-all-rule',
          resource: { namespace: 'staging', name: 'allow-everything-in' },
        },
      },
      {
        reason: 'by rule and resource with its kind',
        e: {
          ...base,
          rule: 'allow-all-rule',
          resource: { kind: 'NetworkPolicy', namespace: 'staging', name: 'allow-everything-in' },
        },
      },
    ])('accepts it $reason, with approver and expiry', ({ e }) => {
      const r = apply([e]);
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]?.exception).toEqual({
        status: 'accepted',
        approver: 'Dana',
        justification: 'QA rigs',
        expires: '2026-06-30',
      });
      expect(r.warnings).toEqual([]);
    });
  });

  describe('when an exception does not match', () => {
    it.each([
      { reason: 'another namespace', resource: { namespace: 'web', name: 'allow-everything-in' } },
      { reason: 'no namespace for a namespaced resource', resource: { name: 'allow-everything-in' } },
      {
        reason: 'another kind',
        resource: { kind: 'Namespace', namespace: 'staging', name: 'allow-everything-in' },
      },
    ])('leaves the finding open for $reason and warns', ({ resource }) => {
      const r = apply([{ ...base, rule: 'allow-all-rule', resource }]);
      expect(r.findings[0]?.exception).toBeUndefined();
      expect(r.warnings[0]).toMatch(
        /^exceptions\.yaml:2: exception for allow-all-rule .* matches no finding$/,
      );
    });
  });

  describe('when the exception has expired', () => {
    it('marks the finding expired and raises an expired-exception finding', () => {
      const r = apply([{ ...base, findingId: allowAll.id, expires: '2026-01-14' }]);
      expect(r.findings[0]?.exception?.status).toBe('expired');
      expect(r.findings[1]).toMatchObject({
        rule: 'expired-exception',
        severity: 'medium',
        resource: { kind: 'Exception', name: allowAll.id },
      });
      expect(r.findings[1]?.message).toMatch(/approved by Dana, expired on 2026-01-14/);
    });

    it('still holds on its expiry day', () => {
      expect(
        apply([{ ...base, findingId: allowAll.id, expires: '2026-01-15' }]).findings[0]?.exception?.status,
      ).toBe('accepted');
    });

    it('gives way to another exception that still holds', () => {
      const r = apply([
        { ...base, findingId: allowAll.id, expires: '2025-01-01' },
        { ...base, findingId: allowAll.id, approver: 'Sam', expires: '2026-03-01' },
      ]);
      expect(r.findings[0]?.exception).toMatchObject({ status: 'accepted', approver: 'Sam' });
    });
  });
});
