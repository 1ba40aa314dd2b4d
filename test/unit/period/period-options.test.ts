import { resolvePeriodOptions } from '../../../src/cli/commands/period.js';

const flags = {
  bundles: 'reports',
  since: '2026-01-01',
  until: '2026-03-31',
  out: 'reports',
  formats: 'html,pdf,json',
};

describe('resolvePeriodOptions', () => {
  describe('when the flags are complete', () => {
    it('covers whole UTC days and always writes period.json', () => {
      const o = resolvePeriodOptions({ ...flags, formats: 'html', unsigned: true });
      expect(o.since.toISOString()).toBe('2026-01-01T00:00:00.000Z');
      expect(o.until.toISOString()).toBe('2026-03-31T23:59:59.000Z');
      expect([...o.formats].sort()).toEqual(['html', 'json']);
      expect(o.signing).toEqual({ mode: 'unsigned' });
    });
  });

  it.each([
    ['no key and no --unsigned', {}, /no signing key/],
    ['since after until', { since: '2026-04-01', unsigned: true }, /--since .* is after --until/],
    [
      'a date that is not one',
      { until: '31/03/2026', unsigned: true },
      /--until: "31\/03\/2026" is not a date/,
    ],
    ['an unknown format', { formats: 'docx', unsigned: true }, /--formats: unknown value "docx"/],
    ['a key without its certificate', { 'sign-key': 'k.pem' }, /--sign-key and --sign-cert go together/],
  ])('rejects %s with a usage error', (_why, extra, message) => {
    expect(() => resolvePeriodOptions({ ...flags, ...extra })).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message) }),
    );
  });
});
