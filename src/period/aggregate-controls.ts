// Per control: on how many days of counted evidence it was satisfied, and the days it was not.
import { controlKey } from '../diff/index.js';
import type { ControlStatus } from '../model/compliance.js';
import type { BundleRecord, ControlPeriod } from './types.js';

/** Worst first: a day counts as met only if every counted bundle of that day says so. */
const WORST: readonly ControlStatus[] = ['notSatisfied', 'partial', 'notTested', 'supported', 'satisfied'];

/** No open finding on any check that ran: satisfied, or supported (network checks are only part of its evidence). */
const met = (s: ControlStatus): boolean => s === 'satisfied' || s === 'supported';

function worse(a: ControlStatus, b: ControlStatus): ControlStatus {
  return WORST.indexOf(a) <= WORST.indexOf(b) ? a : b;
}

/** `counted` in time order; controls listed in the order of the latest bundle that has them. */
export function aggregateControls(counted: readonly BundleRecord[]): ControlPeriod[] {
  const perDay = new Map<string, Map<string, ControlStatus>>();
  const meta = new Map<string, { framework: string; id: string; title?: string }>();
  const order: string[] = [];
  for (const r of [...counted].reverse()) {
    for (const c of r.content?.controls ?? []) {
      const key = controlKey(c);
      if (!meta.has(key)) {
        meta.set(key, { framework: c.framework, id: c.id, ...(c.title ? { title: c.title } : {}) });
        order.push(key);
      }
    }
  }
  for (const r of counted) {
    for (const c of r.content?.controls ?? []) {
      const key = controlKey(c);
      const days = perDay.get(key) ?? new Map<string, ControlStatus>();
      const prev = days.get(r.day);
      days.set(r.day, prev ? worse(prev, c.status) : c.status);
      perDay.set(key, days);
    }
  }
  return order.map((key) => {
    const days = [...(perDay.get(key) ?? new Map<string, ControlStatus>()).entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    const satisfied = days.filter(([, s]) => met(s)).length;
    const m = meta.get(key) as { framework: string; id: string; title?: string };
    return {
      ...m,
      daysEvaluated: days.length,
      daysSatisfied: satisfied,
      share: days.length ? satisfied / days.length : 0,
      notSatisfied: days.filter(([, s]) => !met(s)).map(([day, status]) => ({ day, status })),
    };
  });
}
