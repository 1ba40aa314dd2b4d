import { controlStatus, failOnExceeded } from '../../../src/compliance/index.js';
import { makeFinding } from '../../../src/compliance/make-finding.js';
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
    { reason: 'its checks ran and found nothing', ran: ['a'], findings: [], expected: 'satisfied' },
    { reason: 'only informational findings', ran: ['a'], findings: [finding('info')], expected: 'satisfied' },
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
    expect(controlStatus(ran, findings)).toBe(expected);
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
