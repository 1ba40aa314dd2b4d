import { matchesSelector, namespaceLabels } from '../../../src/analyze/selectors.js';
import type { LabelSelector } from '../../../src/model/kube.js';

const labels = { app: 'web', tier: 'front' };

const cases: { rule: string; reason: string; sel: LabelSelector; match: boolean }[] = [
  { rule: 'empty selector', reason: '{} selects everything', sel: {}, match: true },
  {
    rule: 'matchLabels',
    reason: 'every pair must be present',
    sel: { matchLabels: { app: 'web', tier: 'x' } },
    match: false,
  },
  {
    rule: 'In',
    reason: 'value is in the list',
    sel: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] },
    match: true,
  },
  {
    rule: 'In on a missing key',
    reason: 'In needs the key',
    sel: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
    match: false,
  },
  {
    rule: 'NotIn',
    reason: 'value is in the excluded list',
    sel: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
    match: false,
  },
  {
    rule: 'NotIn on a missing key',
    reason: 'NotIn matches objects without the key',
    sel: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
    match: true,
  },
  {
    rule: 'Exists',
    reason: 'the key is present',
    sel: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
    match: true,
  },
  {
    rule: 'DoesNotExist',
    reason: 'the key is present, so it fails',
    sel: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
    match: false,
  },
  {
    rule: 'matchLabels AND expressions',
    reason: 'all requirements must hold',
    sel: {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }],
    },
    match: false,
  },
];

describe('matchesSelector', () => {
  describe.each(cases)('when $rule', ({ reason, sel, match }) => {
    it(`returns ${String(match)} because ${reason}`, () => {
      expect(matchesSelector(labels, sel)).toBe(match);
    });
  });
});

describe('namespaceLabels', () => {
  it('adds the implicit kubernetes.io/metadata.name label', () => {
    expect(namespaceLabels({ name: 'pay', labels: { team: 'p' } })).toEqual({
      team: 'p',
      'kubernetes.io/metadata.name': 'pay',
    });
  });
});
