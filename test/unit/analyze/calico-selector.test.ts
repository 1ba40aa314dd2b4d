import {
  calicoSelectorError,
  matchesCalico,
  parseCalicoSelector,
} from '../../../src/analyze/calico-selector.js';

const L = { app: 'web', tier: 'frontend-prod', 'k8s.io/role': 'x', empty: '' };

// One row per operator of Calico's selector reference, with labels that match and that do not.
const matching: { sel: string; reason: string; yes: boolean }[] = [
  { sel: '', reason: 'an empty selector is all()', yes: true },
  { sel: 'all()', reason: 'all() matches every in-scope resource', yes: true },
  { sel: '!all()', reason: '!all() matches nothing', yes: false },
  { sel: 'global()', reason: 'global() matches only non-namespaced resources', yes: false },
  { sel: "app == 'web'", reason: '== needs the label with that value', yes: true },
  { sel: 'app == "db"', reason: '== with another value does not match (double quotes work)', yes: false },
  { sel: "missing != 'x'", reason: '!= matches a resource without the label', yes: true },
  { sel: "app != 'web'", reason: '!= does not match the equal value', yes: false },
  { sel: 'has(app)', reason: 'has() needs the label, any value', yes: true },
  { sel: 'has(empty)', reason: 'has() matches a label whose value is empty', yes: true },
  { sel: '!has(app)', reason: '!has() negates has()', yes: false },
  { sel: "app in {'db', 'web'}", reason: 'in matches a value in the set', yes: true },
  { sel: 'app in {}', reason: 'in an empty set matches nothing', yes: false },
  { sel: "missing in {'x'}", reason: 'in needs the label', yes: false },
  { sel: "app not in {'db'}", reason: 'not in matches a value outside the set', yes: true },
  { sel: "missing not in {'x'}", reason: 'not in matches a resource without the label', yes: true },
  { sel: "tier contains 'end-pr'", reason: 'contains matches a substring', yes: true },
  { sel: "missing contains ''", reason: 'contains needs the label', yes: false },
  { sel: "tier starts with 'front'", reason: 'starts with matches a prefix', yes: true },
  { sel: "tier ends with 'prod'", reason: 'ends with matches a suffix', yes: true },
  { sel: "tier ends with 'front'", reason: 'ends with is not a prefix test', yes: false },
  { sel: "k8s.io/role == 'x'", reason: 'label keys may carry a DNS prefix', yes: true },
  { sel: "app == 'web' && has(tier)", reason: '&& needs both', yes: true },
  { sel: "app == 'db' || has(tier)", reason: '|| needs either', yes: true },
  { sel: "!has(app) || app == 'web' && has(nope)", reason: '&& binds tighter than ||', yes: false },
  { sel: "(!has(app) || app == 'web') && has(tier)", reason: 'parentheses group', yes: true },
  { sel: "!(app == 'db')", reason: '! negates a parenthesised expression', yes: true },
  { sel: '!!has(app)', reason: '! may repeat', yes: true },
  { sel: "  app=='web'&&has(tier)  ", reason: 'spaces are optional around operators', yes: true },
  { sel: "all == 'x' || has(app)", reason: 'a label named like a function stays a label', yes: true },
];

describe('Calico selectors', () => {
  it.each(matching)('$sel: $reason', ({ sel, yes }) => {
    expect(matchesCalico(parseCalicoSelector(sel), L)).toBe(yes);
  });

  it('global() matches a non-namespaced resource (a GlobalNetworkSet)', () => {
    expect(matchesCalico(parseCalicoSelector('global()'), {}, true)).toBe(true);
    expect(matchesCalico(parseCalicoSelector('!global()'), {}, true)).toBe(false);
  });
});

// Errors carry the 0-based offset of the offending character; the message counts from 1.
const errors: { sel: string; at: number; says: string }[] = [
  { sel: "app = 'web'", at: 4, says: 'expected an operator' },
  { sel: 'app == web', at: 7, says: 'expected a quoted value' },
  { sel: "app == 'web", at: 7, says: 'unterminated quoted value' },
  { sel: "app == 'web' &&", at: 15, says: 'the selector ended' },
  { sel: "app == 'web' & has(x)", at: 13, says: "unexpected '&'" },
  { sel: "(app == 'web'", at: 13, says: "expected ')'" },
  { sel: "app == 'web')", at: 12, says: "unexpected ')'" },
  { sel: 'has(app', at: 7, says: "expected ')' after the label name" },
  { sel: 'has()', at: 4, says: 'expected a label name' },
  { sel: 'all(x)', at: 4, says: "expected ')' after all(" },
  { sel: "app in 'web'", at: 7, says: "expected '{'" },
  { sel: "app in {'a' 'b'}", at: 12, says: "expected ',' or '}'" },
  { sel: "app not {'a'}", at: 8, says: "expected 'in' after 'not'" },
  { sel: "app starts 'a'", at: 11, says: "expected 'with' after 'starts'" },
  { sel: "app == 'a' || || has(b)", at: 14, says: 'expected a label name' },
  { sel: '== "x"', at: 0, says: 'expected a label name' },
];

describe('a selector that does not parse', () => {
  it.each(errors)('"$sel" fails at offset $at ($says)', ({ sel, at, says }) => {
    const e = calicoSelectorError(sel);
    expect(e?.position).toBe(at);
    expect(e?.message).toContain(says);
    expect(e?.message).toContain(`at position ${at + 1} of "${sel}"`);
  });

  it('a valid selector has no error', () => {
    expect(calicoSelectorError("app == 'web'")).toBeUndefined();
  });
});
