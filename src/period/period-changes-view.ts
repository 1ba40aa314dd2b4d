// The period report's change-management summary: the population, the share independently approved (as
// verified with the Git host), and the median time from merge to deploy.
import type { Section } from '../render/view/view-types.js';
import type { PeriodReport } from './types.js';

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

export function changesPeriodSection(p: PeriodReport): Section | undefined {
  const c = p.changes;
  if (!c) return undefined;
  const pct = `${Math.round(c.share * 1000) / 10}%`;
  return {
    id: 'change-approval',
    title: 'Policy changes: approval and deployment',
    intro:
      'Every policy change dated in the period, once, as the bundles recorded it. Only approvals verified with the Git host count; a review inferred from a commit message is not an approval.',
    blocks: [
      {
        facts: [
          { label: 'Policy changes in the period', value: String(c.changes) },
          { label: 'Reviews verified with the Git host', value: `${c.verifiedWithHost} of ${c.changes}` },
          {
            label: 'Independently approved before merge',
            value: `${c.independentlyApproved} of ${c.changes} (${pct})`,
          },
          {
            label: 'Median time from merge to deploy',
            value:
              c.medianMergeToDeployMinutes !== undefined
                ? `${duration(c.medianMergeToDeployMinutes)} (over ${c.mergeToDeployMeasured} changes with both times)`
                : 'not measured (no change has both a merge time from the host and a deploy time from Argo CD or Flux)',
          },
        ],
      },
    ],
  };
}
