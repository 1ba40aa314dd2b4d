import { connWords, plural, pluralOf, utcTime } from '../../../src/render/view/format.js';

describe('words in the report', () => {
  it('makes correct plurals', () => {
    expect(plural(1, 'workload pair')).toBe('1 workload pair');
    expect(plural(2, 'policy')).toBe('2 policies');
    expect(plural(3, 'address range')).toBe('3 address ranges');
    expect(pluralOf('day')).toBe('days');
    expect(plural(1200, 'namespace')).toBe('1,200 namespaces');
  });

  it('writes times as people read them', () => {
    expect(utcTime('2026-01-15T10:00:00.000Z')).toBe('2026-01-15 10:00:00 UTC');
    expect(utcTime('2026-01-15T10:00:00Z')).toBe('2026-01-15 10:00:00 UTC');
  });

  it('says what a connection allows in words, not in the connlist form', () => {
    expect(connWords('All Connections')).toBe('all ports and protocols');
    expect(connWords('TCP 8080,9090,UDP 53')).toBe('TCP 8080,9090, UDP 53');
    expect(connWords('TCP 443')).toBe('TCP 443');
  });
});
