import { controlStatus, failOnExceeded } from '../../../src/compliance/index.js';
import { controlResults } from '../../../src/compliance/control-results.js';
import { makeFinding } from '../../../src/compliance/make-finding.js';
import type { Catalogs } from '../../../src/model/compliance.js';
import type { Finding, Severity } from '../../../src/model/finding.js';

function finding(severity: Severity, accepted = false): Finding {
  const f = makeFinding({
    rule: 'allow-all-rule',
    severity,
    resource: { kind: 'X', name: severity },
    message: 'm',
  });
  return accepted
    ? { ...f, exception: { status: 'accepted', approver: 'a', justification: 'j', expires: '2099-01-01' } }
    : f;
}

describe('controlStatus', () => {
  it.each([
    { reason: 'none of its checks ran', ran: [], findings: [], expected: 'notTested' },
    {
      reason: 'none of its checks ran, even with findings',
      ran: [],
      findings: [finding('high')],
      expected: 'notTested',
    },
    {
      reason: 'a check that addresses it ran and found nothing',
      ran: ['a', 'b'],
      findings: [],
      expected: 'satisfied',
    },
    {
      reason: 'only informational findings',
      ran: ['a'],
      findings: [finding('info')],
      expected: 'satisfied',
    },
    {
      reason: 'every check that ran only supports it, and none found anything',
      ran: ['b'],
      findings: [],
      expected: 'supported',
    },
    {
      reason: 'the check that addresses it did not run',
      ran: ['b', 'c'],
      findings: [finding('info')],
      expected: 'supported',
    },
    {
      reason: 'an open high finding',
      ran: ['a'],
      findings: [finding('high'), finding('low')],
      expected: 'notSatisfied',
    },
    {
      reason: 'an open critical finding',
      ran: ['a'],
      findings: [finding('critical')],
      expected: 'notSatisfied',
    },
    {
      reason: 'only medium and low open findings',
      ran: ['a'],
      findings: [finding('medium'), finding('low')],
      expected: 'partial',
    },
    {
      reason: 'only accepted findings, however severe',
      ran: ['a'],
      findings: [finding('critical', true)],
      expected: 'partial',
    },
  ])('is $expected when $reason', ({ ran, findings, expected }) => {
    expect(controlStatus(ran, findings, { a: 'addresses', b: 'supports' })).toBe(expected);
  });
});

describe('failOnExceeded', () => {
  it.each([
    {
      reason: 'an open finding at the threshold',
      findings: [finding('high')],
      at: 'high' as const,
      expected: true,
    },
    {
      reason: 'an open finding above the threshold',
      findings: [finding('critical')],
      at: 'medium' as const,
      expected: true,
    },
    {
      reason: 'only findings below the threshold',
      findings: [finding('medium')],
      at: 'high' as const,
      expected: false,
    },
    {
      reason: 'only accepted findings above it',
      findings: [finding('critical', true)],
      at: 'low' as const,
      expected: false,
    },
  ])('is $expected for $reason', ({ findings, at, expected }) => {
    expect(failOnExceeded(findings, at)).toBe(expected);
  });
});

describe('controlResults', () => {
  describe('when some checks of a control ran', () => {
    it('lists each check that ran with its strength, outcome and findings, and never one that did not', () => {
      const open = finding('medium');
      const accepted = { ...finding('high', true), rule: 'c', id: 'F-c' };
      const catalogs: Catalogs = {
        catalogs: [
          {
            framework: 'soc2',
            name: 'x',
            version: '1',
            controls: [
              {
                framework: 'soc2',
                id: 'CC6.1',
                title: 't',
                statement: 's',
                checks: ['allow-all-rule', 'b', 'c', 'd'],
                strengths: { 'allow-all-rule': 'addresses', b: 'supports', c: 'supports', d: 'addresses' },
              },
            ],
          },
        ],
        mapping: {},
        adequacy: { asOf: '2026-01-01', source: 's', eea: [], adequate: [], frameworkOnly: {} },
        sources: [],
      };
      const ref = [{ framework: 'soc2' as const, id: 'CC6.1' }];
      const [r] = controlResults(
        catalogs,
        ['soc2'],
        [open, accepted].map((f) => ({ ...f, controls: ref })),
        new Set(['allow-all-rule', 'b', 'c']),
      );
      expect(r?.checksRan).toEqual([
        { check: 'allow-all-rule', strength: 'addresses', outcome: 'failed', findingIds: [open.id] },
        { check: 'b', strength: 'supports', outcome: 'passed', findingIds: [] },
        { check: 'c', strength: 'supports', outcome: 'accepted', findingIds: ['F-c'] },
      ]);
      expect(r?.status).toBe('partial');
    });
  });
});
