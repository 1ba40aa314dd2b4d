// The change population over the period (SOC 2 CC8.1 operating effectiveness): how many policy changes were
// independently approved as verified with the Git host, and how long merged changes took to reach the cluster.
import type { BundleRecord, ChangePeriod, CommitDigest } from './types.js';

const MINUTE = 60_000;

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Each policy change once (the newest bundle's view of it), counted when dated inside the period. */
export function aggregateChanges(
  counted: readonly BundleRecord[],
  period: { since: string; until: string },
): ChangePeriod {
  const bySha = new Map<string, CommitDigest>();
  for (const r of [...counted].reverse())
    for (const c of r.content?.commits ?? [])
      if (c.policyChange !== false && !bySha.has(c.sha)) bySha.set(c.sha, c);
  const from = Date.parse(period.since);
  const to = Date.parse(period.until);
  const changes = [...bySha.values()].filter((c) => Date.parse(c.date) >= from && Date.parse(c.date) <= to);
  const verified = changes.filter((c) => c.reviewSource === 'api');
  const approved = verified.filter((c) => c.independentlyApproved);
  const delays = changes.flatMap((c) =>
    c.mergedAt && c.deployedAt && Date.parse(c.deployedAt) >= Date.parse(c.mergedAt)
      ? [(Date.parse(c.deployedAt) - Date.parse(c.mergedAt)) / MINUTE]
      : [],
  );
  const m = median(delays);
  return {
    changes: changes.length,
    verifiedWithHost: verified.length,
    independentlyApproved: approved.length,
    share: changes.length ? approved.length / changes.length : 0,
    mergeToDeployMeasured: delays.length,
    ...(m !== undefined ? { medianMergeToDeployMinutes: Math.round(m) } : {}),
  };
}
