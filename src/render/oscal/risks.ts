// One OSCAL risk per finding that is open (above info) or covered by an exception: `open`, or
// `risk-accepted` with the exception's expiry as the deadline by which the acceptance must be revisited.
import type { Evidence } from '../../model/evidence.js';
import type { Finding } from '../../model/finding.js';
import { toolUuid } from './common.js';
import { observationUuid, prop, resourceTitle } from './observations.js';
import { PROP_NS, type OscalObject } from './types.js';
import { stableUuid } from './uuid.js';

export function riskUuid(e: Evidence, findingId: string): string {
  return stableUuid(`risk/${e.reportId}/${findingId}`);
}

/** Informational findings (an intended exposure, a note) are no risk; every other one, and any excepted one, is. */
export function hasRisk(f: Finding): boolean {
  return f.severity !== 'info' || f.exception !== undefined;
}

function exceptionRemark(f: Finding): string | undefined {
  const x = f.exception;
  if (!x) return undefined;
  return x.status === 'accepted'
    ? `Accepted by ${x.approver} until ${x.expires}: ${x.justification}`
    : `An exception approved by ${x.approver} accepted this risk until ${x.expires}; it has expired, so the risk is open again.`;
}

export function buildRisk(e: Evidence, f: Finding): OscalObject {
  const accepted = f.exception?.status === 'accepted';
  const remark = exceptionRemark(f);
  return {
    uuid: riskUuid(e, f.id),
    title: `${f.rule}: ${resourceTitle(f.resource)}`,
    description: remark ? `${f.message} ${remark}` : f.message,
    statement: f.explanation ?? f.message,
    props: [...prop('finding-id', f.id), ...prop('rule', f.rule), ...prop('severity', f.severity)],
    status: accepted ? 'risk-accepted' : 'open',
    characterizations: [
      {
        origin: { actors: [{ type: 'tool', 'actor-uuid': toolUuid(e) }] },
        facets: [{ name: 'severity', system: PROP_NS, value: f.severity }],
      },
    ],
    ...(f.remediation
      ? {
          remediations: [
            {
              uuid: stableUuid(`remediation/${e.reportId}/${f.id}`),
              lifecycle: 'recommendation',
              title: `Remediation of ${f.rule}`,
              description: f.remediation,
            },
          ],
        }
      : {}),
    // The exception holds through its expiry day (UTC): the acceptance must be revisited by its end.
    ...(accepted && f.exception ? { deadline: `${f.exception.expires}T23:59:59Z` } : {}),
    'related-observations': [{ 'observation-uuid': observationUuid(e, f.id) }],
  };
}
