// The demo's inventory and exceptions follow the report's clock, so its findings (an outdated DPA review, an
// expired exception) stay the same as the calendar moves.

const DAY = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY);
}

/** Moves every quoted YYYY-MM-DD date in a YAML text by `days`; everything else is left as written. */
export function shiftQuotedDates(text: string, days: number): string {
  if (days === 0) return text;
  return text.replace(/(['"])(\d{4}-\d{2}-\d{2})\1/g, (_m, q: string, d: string) => {
    const shifted = new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
    return `${q}${shifted}${q}`;
  });
}
