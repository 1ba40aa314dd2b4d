// Findings over time (first seen, last seen, time to close) and the exceptions active in the period.
import { compareSeverity } from '../model/finding.js';
import { daysApart } from './days.js';
import type { BundleRecord, ExceptionPeriod, FindingDigest, FindingLifecycle } from './types.js';

interface Track {
  digest: FindingDigest;
  firstSeen: string;
  lastSeen: string;
  openedAt: string;
  closedAt?: string;
  reopened: number;
  present: boolean;
}

/** Walks the counted bundles in time order; a finding closes at the first bundle that no longer has it. */
export function aggregateFindings(counted: readonly BundleRecord[]): FindingLifecycle[] {
  const tracks = new Map<string, Track>();
  for (const r of counted) {
    const at = r.content?.generatedAt ?? r.name;
    const seen = new Set<string>();
    for (const f of r.content?.findings ?? []) {
      seen.add(f.id);
      const t = tracks.get(f.id);
      if (!t) {
        tracks.set(f.id, {
          digest: f,
          firstSeen: at,
          lastSeen: at,
          openedAt: at,
          reopened: 0,
          present: true,
        });
        continue;
      }
      if (!t.present) {
        t.reopened += 1;
        t.openedAt = at;
        delete t.closedAt;
      }
      t.present = true;
      t.lastSeen = at;
      t.digest = f;
    }
    for (const [id, t] of tracks)
      if (t.present && !seen.has(id)) {
        t.present = false;
        t.closedAt = at;
      }
  }
  return [...tracks.values()]
    .map((t) => ({
      ...t.digest,
      firstSeen: t.firstSeen,
      lastSeen: t.lastSeen,
      ...(t.closedAt ? { closedAt: t.closedAt, timeToCloseDays: daysApart(t.openedAt, t.closedAt) } : {}),
      reopened: t.reopened,
      openAtEnd: t.present,
    }))
    .sort(
      (a, b) =>
        Number(b.openAtEnd) - Number(a.openAtEnd) ||
        compareSeverity(a.severity, b.severity) ||
        (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id < b.id ? -1 : 1),
    );
}

/** Every exception (accepted or expired) carried by a finding in a counted bundle, with when it was seen. */
export function aggregateExceptions(counted: readonly BundleRecord[]): ExceptionPeriod[] {
  const out = new Map<string, ExceptionPeriod>();
  for (const r of counted) {
    const at = r.content?.generatedAt ?? r.name;
    for (const f of r.content?.findings ?? []) {
      const e = f.exception;
      if (!e) continue;
      const key = `${f.id}|${e.status}|${e.approver}|${e.expires}`;
      const prev = out.get(key);
      out.set(key, {
        findingId: f.id,
        rule: f.rule,
        resource: f.resource,
        status: e.status,
        approver: e.approver,
        justification: e.justification,
        expires: e.expires,
        firstSeen: prev?.firstSeen ?? at,
        lastSeen: at,
      });
    }
  }
  return [...out.values()].sort((a, b) =>
    a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : a.firstSeen < b.firstSeen ? -1 : 1,
  );
}
