// The evidence about the evidence: which days have a counted bundle, which bundles were rejected and
// which links of the hash chain are broken. Each gap is itself a finding (SOC 2 CC4.1, ISO A.5.28).
import { findingId } from '../model/hash.js';
import type { ControlRef, Finding, Severity } from '../model/finding.js';
import type { BundleRecord, DayRecord } from './types.js';

const CONTROLS: readonly ControlRef[] = [
  { framework: 'soc2', id: 'CC4.1' },
  { framework: 'iso27001', id: 'A.5.28' },
];

function finding(
  rule: string,
  severity: Severity,
  resource: { kind: string; namespace?: string; name: string },
  message: string,
  explanation?: string,
): Finding {
  const key = `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
  return {
    id: findingId(rule, key),
    rule,
    severity,
    resource,
    message,
    ...(explanation ? { explanation } : {}),
    controls: CONTROLS,
  };
}

export const isCounted = (r: BundleRecord): boolean => r.problems.length === 0 && r.content !== undefined;

/** Status of every day of the period: covered by a counted bundle, only rejected bundles, or none. */
export function dayRecords(days: readonly string[], records: readonly BundleRecord[]): DayRecord[] {
  const byDay = new Map<string, BundleRecord[]>();
  for (const r of records) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  return days.map((day) => {
    const list = byDay.get(day) ?? [];
    const status = list.some(isCounted) ? 'covered' : list.length ? 'unverified' : 'missing';
    return { day, status, bundles: list.map((r) => r.name) };
  });
}

/** Each link must name the bundle just before it in the folder, with that manifest's exact SHA-256. */
export function chainFindings(
  cluster: string,
  records: readonly BundleRecord[],
  before: BundleRecord | undefined,
): Finding[] {
  const out: Finding[] = [];
  records.forEach((r, i) => {
    const prev = i > 0 ? records[i - 1] : before;
    const link = r.previous;
    if (link === undefined) return; // manifest unreadable: already a rejected bundle
    const name = `${prev?.name ?? '(none)'} -> ${r.name}`;
    let problem: string | undefined;
    if (!prev) {
      if (link) problem = `${r.name} links to ${link.bundleId}, which is not in the folder (removed?)`;
    } else if (!link) {
      problem = `${r.name} does not link to the bundle before it (${prev.name}): the chain was restarted`;
    } else if (link.bundleId !== prev.bundleId && link.bundleId !== prev.name) {
      problem = `${r.name} links to ${link.bundleId}, but the bundle before it is ${prev.name} (${prev.bundleId ?? 'unreadable'}): a bundle was removed or inserted`;
    } else if (link.manifestSha256 !== prev.manifestSha256) {
      problem = `${prev.name}/manifest.json changed after ${r.name} recorded its SHA-256`;
    }
    if (problem)
      out.push(
        finding(
          'evidence-chain-broken',
          'critical',
          { kind: 'BundleLink', namespace: cluster, name },
          `Hash chain broken: ${problem}.`,
        ),
      );
  });
  return out;
}

/** Findings for gap days, rejected bundles and (once) signatures not checked against a trust anchor. */
export function integrityFindings(
  cluster: string,
  days: readonly DayRecord[],
  records: readonly BundleRecord[],
  anchored: boolean,
): Finding[] {
  const out: Finding[] = [];
  for (const d of days) {
    if (d.status === 'missing')
      out.push(
        finding(
          'evidence-day-missing',
          'high',
          { kind: 'Day', namespace: cluster, name: d.day },
          `No evidence bundle for ${d.day}: the controls cannot be shown to have operated that day.`,
        ),
      );
    if (d.status === 'unverified')
      out.push(
        finding(
          'evidence-day-unverified',
          'high',
          { kind: 'Day', namespace: cluster, name: d.day },
          `Every bundle of ${d.day} failed verification (${d.bundles.join(', ')}): the day is not counted.`,
        ),
      );
  }
  for (const r of records.filter((x) => x.problems.length > 0))
    out.push(
      finding(
        'evidence-bundle-rejected',
        'critical',
        { kind: 'Bundle', namespace: cluster, name: r.name },
        `Bundle ${r.name} (${r.day}) failed verification and is not counted: ${r.problems.join('; ')}.`,
      ),
    );
  if (!anchored && records.some((r) => r.unanchored))
    out.push(
      finding(
        'evidence-signer-not-anchored',
        'high',
        { kind: 'Cluster', name: cluster },
        'The bundle signatures are intact, but no --ca was given: nothing shows they were made with your key.',
      ),
    );
  return out;
}
