// The timeline of policy, vendor and egress changes between consecutive counted bundles, each tied to the
// Git commits made in between (the change log behind the change: CC8.1, A.8.32).
import { diffPaths, diffPolicies, diffVendors } from '../diff/index.js';
import type { BundleRecord, CommitDigest, TimelineEntry } from './types.js';

/** Commits from every counted bundle's change log, once each, oldest first, within the period. */
function allCommits(counted: readonly BundleRecord[], since: string, until: string): CommitDigest[] {
  const bySha = new Map<string, CommitDigest>();
  for (const r of counted)
    for (const c of r.content?.commits ?? []) if (!bySha.has(c.sha)) bySha.set(c.sha, c);
  return [...bySha.values()]
    .filter((c) => Date.parse(c.date) >= Date.parse(since) && Date.parse(c.date) <= Date.parse(until))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || (a.sha < b.sha ? -1 : 1));
}

export function aggregateTimeline(
  counted: readonly BundleRecord[],
  period: { since: string; until: string },
): TimelineEntry[] {
  const commits = allCommits(counted, period.since, period.until);
  const out: TimelineEntry[] = [];
  for (let i = 1; i < counted.length; i++) {
    const a = counted[i - 1]?.content;
    const b = counted[i]?.content;
    if (!a || !b) continue;
    const from = Date.parse(a.generatedAt);
    const to = Date.parse(b.generatedAt);
    const entry: TimelineEntry = {
      bundle: counted[i]?.name ?? '',
      at: b.generatedAt,
      since: counted[i - 1]?.name ?? '',
      policies: diffPolicies(a.policies, b.policies),
      vendors: diffVendors(a.vendors, b.vendors),
      egress: diffPaths(a.external, b.external),
      commits: commits.filter((c) => Date.parse(c.date) > from && Date.parse(c.date) <= to),
    };
    if (entry.policies.length || entry.vendors.length || entry.egress.length || entry.commits.length)
      out.push(entry);
  }
  return out;
}
