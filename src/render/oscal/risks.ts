// One OSCAL risk per finding that is open (above info) or covered by an exception: `open`, or
// `risk-accepted` with the exception's expiry as the deadline by which the acceptance must be revisited.
// The exception's register fields become the risk's: compensating controls as mitigating factors, the
// approval as a risk-log entry, the risk owner and ticket as properties.
import type { ExceptionReview } from '../../model/compliance.js';
import type { Evidence } from '../../model/evidence.js';
import type { ExceptionStatus, Finding } from '../../model/finding.js';
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

function exceptionRemark(x: ExceptionStatus): string {
  return x.status === 'accepted'
    ? `Accepted by ${x.approver} until ${x.expires}: ${x.justification}`
    : `An exception approved by ${x.approver} accepted this risk until ${x.expires}; it has expired, so the risk is open again.`;
}

/** The register entry behind a finding's exception (the one whose matched findings include it). */
function reviewOf(e: Evidence, f: Finding): ExceptionReview | undefined {
  return (e.exceptions ?? []).find(
    (x) => (x.state === 'accepted' || x.state === 'expired') && x.findingIds.includes(f.id),
  );
}

function exceptionParts(e: Evidence, f: Finding, x: ExceptionStatus): OscalObject {
  const compensating = reviewOf(e, f)?.compensatingControls ?? [];
  const who = [`approved by ${x.approver}`, ...(x.riskOwner ? [`risk owner ${x.riskOwner}`] : [])];
  return {
    ...(compensating.length > 0
      ? {
          'mitigating-factors': compensating.map((c, i) => ({
            uuid: stableUuid(`mitigating-factor/${e.reportId}/${f.id}/${i}`),
            description: `Compensating control named by the exception: ${c}`,
          })),
        }
      : {}),
    // The exception holds through its expiry day (UTC): the acceptance must be revisited by its end.
    ...(x.status === 'accepted' ? { deadline: `${x.expires}T23:59:59Z` } : {}),
    ...(x.approved
      ? {
          'risk-log': {
            entries: [
              {
                uuid: stableUuid(`risk-log/${e.reportId}/${f.id}`),
                title: 'Risk accepted by exception',
                description: `Accepted (${who.join(', ')}${x.ticket ? `, ticket ${x.ticket}` : ''}): ${x.justification}`,
                start: `${x.approved}T00:00:00Z`,
                end: `${x.expires}T23:59:59Z`,
                'status-change': 'risk-accepted',
              },
            ],
          },
        }
      : {}),
  };
}

export function buildRisk(e: Evidence, f: Finding): OscalObject {
  const x = f.exception;
  return {
    uuid: riskUuid(e, f.id),
    title: `${f.rule}: ${resourceTitle(f.resource)}`,
    description: x ? `${f.message} ${exceptionRemark(x)}` : f.message,
    statement: f.explanation ?? f.message,
    props: [
      ...prop('finding-id', f.id),
      ...prop('rule', f.rule),
      ...prop('severity', f.severity),
      ...prop('risk-owner', x?.riskOwner),
      ...prop('ticket', x?.ticket),
    ],
    status: x?.status === 'accepted' ? 'risk-accepted' : 'open',
    characterizations: [
      {
        origin: { actors: [{ type: 'tool', 'actor-uuid': toolUuid(e) }] },
        facets: [{ name: 'severity', system: PROP_NS, value: f.severity }],
      },
    ],
    ...(x ? exceptionParts(e, f, x) : {}),
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
    'related-observations': [{ 'observation-uuid': observationUuid(e, f.id) }],
  };
}
