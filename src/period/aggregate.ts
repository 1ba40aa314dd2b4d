// Pure: verified bundle records of one cluster -> the period report (SOC 2 Type II "operated throughout").
import { stableHash } from '../model/hash.js';
import type { SignatureStatus } from '../model/evidence.js';
import { compareSeverity, type Finding } from '../model/finding.js';
import { aggregateChanges } from './aggregate-changes.js';
import { aggregateControls } from './aggregate-controls.js';
import { aggregateExceptions, aggregateFindings } from './aggregate-findings.js';
import { chainFindings, dayRecords, integrityFindings, isCounted } from './aggregate-integrity.js';
import { aggregateTimeline } from './aggregate-timeline.js';
import { daysBetween } from './days.js';
import type { BundleRecord, PeriodReport } from './types.js';

export interface PeriodInput {
  readonly cluster: string;
  readonly since: Date;
  readonly until: Date;
  /** Bundles made in the period, in folder-name (time) order. */
  readonly records: readonly BundleRecord[];
  /** The last bundle before the period, to check the first link of the chain. */
  readonly before?: BundleRecord;
  readonly trustAnchor?: string;
  readonly generatedAt: Date;
  readonly tool: { readonly name: string; readonly version: string };
  readonly organisation?: string;
  readonly signature: SignatureStatus;
}

export function aggregatePeriod(input: PeriodInput): PeriodReport {
  const period = { since: input.since.toISOString(), until: input.until.toISOString() };
  const days = dayRecords(daysBetween(input.since, input.until), input.records);
  const counted = input.records.filter(isCounted);
  const periodFindings = [
    ...integrityFindings(input.cluster, days, input.records, input.trustAnchor !== undefined),
    ...chainFindings(input.cluster, input.records, input.before),
  ].sort(
    (a, b) =>
      dayOf(a).localeCompare(dayOf(b)) || compareSeverity(a.severity, b.severity) || (a.id < b.id ? -1 : 1),
  );
  const demoSigned = counted.filter((r) => r.content?.demoSigned).length;
  const rejected = input.records
    .filter((r) => r.problems.length > 0)
    .map((r) => ({ bundle: r.name, day: r.day, problems: r.problems }));
  const digest = stableHash(
    JSON.stringify([
      input.cluster,
      period,
      input.records.map((r) => [r.name, r.manifestSha256 ?? '', r.problems]),
    ]),
  );
  const enforcement = counted.flatMap((r) =>
    r.content?.enforcement ? [{ bundle: r.name, at: r.content.generatedAt, ...r.content.enforcement }] : [],
  );
  const stamp = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '');
  return {
    schemaVersion: 1,
    kind: 'period',
    reportId: `NPP-${stamp(input.since)}-${stamp(input.until)}-${digest.slice(0, 8)}`,
    generatedAt: input.generatedAt.toISOString(),
    tool: input.tool,
    cluster: input.cluster,
    ...(input.organisation ? { organisation: input.organisation } : {}),
    period,
    signature: input.signature,
    ...(input.trustAnchor ? { trustAnchor: input.trustAnchor } : {}),
    summary: {
      days: days.length,
      daysCovered: days.filter((d) => d.status === 'covered').length,
      daysMissing: days.filter((d) => d.status === 'missing').length,
      daysUnverified: days.filter((d) => d.status === 'unverified').length,
      bundlesFound: input.records.length,
      bundlesCounted: counted.length,
      bundlesRejected: rejected.length,
    },
    days,
    rejected,
    controls: aggregateControls(counted),
    findings: aggregateFindings(counted),
    exceptions: aggregateExceptions(counted),
    timeline: aggregateTimeline(counted, period),
    changes: aggregateChanges(counted, period),
    ...(enforcement.length ? { enforcement } : {}),
    periodFindings,
    ...(demoSigned > 0 ? { demoSignedBundles: demoSigned } : {}),
  };
}

/** The day a finding about the evidence is about (gap days, bundles), '' for the period as a whole. */
function dayOf(f: Finding): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(f.resource.name)?.[0] ?? '';
}
