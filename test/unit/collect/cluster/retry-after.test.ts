import { retryAfterMs } from '../../../../src/collect/cluster/http.js';

describe('retryAfterMs', () => {
  const cases: { header: string | undefined; expected: number | undefined; why: string }[] = [
    { header: '3', expected: 3000, why: 'delay-seconds, as kube-apiserver sends it' },
    { header: ' 0 ', expected: 0, why: 'zero means retry at once' },
    { header: '86400', expected: 120_000, why: 'a daily job should fail rather than wait a day' },
    { header: 'Thu, 01 Jan 1970 00:00:00 GMT', expected: 0, why: 'an HTTP-date in the past' },
    { header: 'soon', expected: undefined, why: 'not a number nor a date: fall back to backoff' },
    { header: undefined, expected: undefined, why: 'no header: fall back to backoff' },
  ];
  it.each(cases)('reads "$header" as $expected ms ($why)', ({ header, expected }) => {
    expect(retryAfterMs(header)).toBe(expected);
  });

  it('reads an HTTP-date in the future as the time until then', () => {
    const at = new Date(Date.now() + 10_000).toUTCString();
    const ms = retryAfterMs(at) ?? -1;
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(10_000);
  });
});
