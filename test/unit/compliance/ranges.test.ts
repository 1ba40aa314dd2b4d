import {
  externalRange,
  isWide,
  mergeRanges,
  rangeText,
  subtract,
  toCidrs,
  type Range,
} from '../../../src/compliance/ranges.js';

const r = (id: string): Range => {
  const x = externalRange(`${id}[External]`);
  if (!x) throw new Error(`bad range ${id}`);
  return x;
};

describe('address ranges of external peers', () => {
  describe('when a peer id is in connlist notation', () => {
    it.each([
      { id: '203.0.113.0-203.0.113.255[External]', text: '203.0.113.0/24', reason: 'one aligned block' },
      { id: '0.0.0.0-255.255.255.255[External]', text: '0.0.0.0/0', reason: 'the whole IPv4 space' },
      { id: '10.0.0.0-10.0.0.2[External]', text: '10.0.0.0/31, 10.0.0.2/32', reason: 'an unaligned range' },
      { id: '2001:db8::-2001:db8::ffff[External]', text: '2001:db8::/112', reason: 'IPv6' },
    ])('reads $reason', ({ id, text }) => {
      const range = externalRange(id);
      expect(range && rangeText(range)).toBe(text);
    });

    it.each([
      { id: 'web/storefront[Deployment]', reason: 'a workload' },
      { id: '{ingress-controller}', reason: 'the ingress controller' },
      { id: '10.0.0.9-10.0.0.1[External]', reason: 'a reversed range' },
    ])('gives nothing for $reason', ({ id }) => {
      expect(externalRange(id)).toBeUndefined();
    });
  });

  describe('when blocks touch', () => {
    it('joins them into one range and keeps separate ones apart', () => {
      const merged = mergeRanges([
        r('198.51.101.0-198.51.101.255'),
        r('198.51.100.0-198.51.100.255'),
        r('203.0.113.0-203.0.113.255'),
      ]);
      expect(merged.map(rangeText)).toEqual(['198.51.100.0/23', '203.0.113.0/24']);
    });
  });

  describe('when vendor CIDRs cover part of a range', () => {
    it('leaves the uncovered parts', () => {
      const rest = subtract(r('192.0.2.0-192.0.3.255'), [r('192.0.2.64-192.0.2.127')]);
      expect(rest.map(rangeText)).toEqual(['192.0.2.0/26', '192.0.2.128/25, 192.0.3.0/24']);
    });
  });

  describe('when a range is wider than a /8', () => {
    it('counts as internet-wide, and a /8 itself does not', () => {
      expect(isWide(r('0.0.0.0-255.255.255.255'))).toBe(true);
      expect(isWide(r('10.0.0.0-11.0.0.0'))).toBe(true);
      expect(isWide(r('10.0.0.0-10.255.255.255'))).toBe(false);
      expect(toCidrs(r('10.0.0.0-10.255.255.255'))).toEqual(['10.0.0.0/8']);
    });
  });
});
