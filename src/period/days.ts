// UTC calendar days of a period, and the day a bundle belongs to.
const DAY_MS = 86_400_000;

/** "2026-01-15" for every UTC day from since's day to until's day, inclusive. */
export function daysBetween(since: Date, until: Date): string[] {
  const out: string[] = [];
  const start = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate());
  for (let t = start; t <= until.getTime(); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Whole days between two ISO times, to one decimal (time to close a finding). */
export function daysApart(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / DAY_MS) * 10) / 10;
}

/** The UTC day of a bundle folder name ("2026-01-15T10-00-00Z" -> "2026-01-15"). */
export function bundleDay(name: string): string {
  return name.slice(0, 10);
}
