import { daysBetween, shiftQuotedDates } from '../../../src/demo/shift-dates.js';

describe('the demo inventory following the report clock', () => {
  it('moves every quoted date by whole days, across month and year ends', () => {
    const text = 'dpaSigned: \'2025-12-30\'\nexpires: "2026-02-27"\nname: v2026-01-01 unquoted\n';
    expect(shiftQuotedDates(text, 3)).toBe(
      'dpaSigned: \'2026-01-02\'\nexpires: "2026-03-02"\nname: v2026-01-01 unquoted\n',
    );
  });

  it('counts whole days from the fixed demo clock, negative before it', () => {
    const anchor = new Date('2026-01-15T10:00:00Z');
    expect(daysBetween(anchor, new Date('2027-01-15T10:00:00Z'))).toBe(365);
    expect(daysBetween(anchor, new Date('2026-01-14T10:00:00Z'))).toBe(-1);
    expect(daysBetween(anchor, anchor)).toBe(0);
  });
});
