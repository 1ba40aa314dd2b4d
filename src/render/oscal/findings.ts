// One OSCAL finding per tested control: not-satisfied (notSatisfied, partial) or satisfied, targeting the
// statement part of the control in the bundle's catalog and linked to the observations and risks of its findings.
import type { Evidence } from '../../model/evidence.js';
import { compareText, controlToken } from './control-token.js';
import { prop } from './observations.js';
import type { OscalControlInput, OscalObject } from './types.js';
import { stableUuid } from './uuid.js';

const FRAMEWORK_NAMES: Readonly<Record<string, string>> = {
  soc2: 'SOC 2',
  iso27001: 'ISO/IEC 27001:2022',
  gdpr: 'GDPR',
};

export function frameworkName(fw: string): string {
  return FRAMEWORK_NAMES[fw] ?? fw;
}

export function compareControls(a: OscalControlInput, b: OscalControlInput): number {
  return compareText(`${a.framework}\u0000${a.id}`, `${b.framework}\u0000${b.id}`);
}

/** Controls at least one of whose checks ran: the only ones the plan and results list as reviewed. */
export function tested(controls: readonly OscalControlInput[]): OscalControlInput[] {
  return controls.filter((c) => c.status !== 'notTested');
}

/** The sentence naming the controls in scope whose checks did not run (undefined when there are none). */
export function notTestedRemark(controls: readonly OscalControlInput[]): string | undefined {
  const names = [...controls]
    .sort(compareControls)
    .filter((c) => c.status === 'notTested')
    .map((c) => `${frameworkName(c.framework)} ${c.id}`);
  return names.length > 0
    ? `Not tested, so not reviewed (none of their checks ran in this report): ${[...new Set(names)].join(', ')}.`
    : undefined;
}

function state(status: string): 'satisfied' | 'not-satisfied' | undefined {
  // supported: OSCAL has only two objective states; the implementation-status below says "partial".
  if (status === 'satisfied' || status === 'supported') return 'satisfied';
  if (status === 'notSatisfied' || status === 'partial') return 'not-satisfied';
  return undefined;
}

/** Per finding id: its observation's UUID, and its risk's when it has one (computed once per document). */
export interface FindingRefs {
  readonly observation: ReadonlyMap<string, string>;
  readonly risk: ReadonlyMap<string, string>;
}

/** Tested controls whose status OSCAL can state (satisfied or not): each gets one finding. */
export function reported(controls: readonly OscalControlInput[]): OscalControlInput[] {
  return tested(controls).filter((c) => state(c.status) !== undefined);
}

export function buildFinding(e: Evidence, c: OscalControlInput, refs: FindingRefs): OscalObject {
  const st = state(c.status) ?? 'not-satisfied';
  const token = controlToken(c.framework, c.id);
  const ids = [...new Set(c.findingIds)].filter((id) => refs.observation.has(id)).sort(compareText);
  const risks = ids.filter((id) => refs.risk.has(id));
  const name = `${frameworkName(c.framework)} ${c.id}${c.title ? ` ${c.title}` : ''}`;
  const description =
    c.status === 'supported'
      ? `${name}: supported, not satisfied: the checks that ran raised no open finding, but each is only one piece of this control's evidence; only the network-policy part of this control was tested.`
      : st === 'satisfied'
        ? `${name}: the checks that ran raised no open finding; only the network-policy part of this control was tested.`
        : `${name}: ${c.status === 'partial' ? 'partially satisfied' : 'not satisfied'}; ` +
          `${ids.length} finding${ids.length === 1 ? '' : 's'} give evidence against it.`;
  return {
    uuid: stableUuid(`finding/${e.reportId}/${token}`),
    title: name,
    description,
    props: [
      ...prop('framework', c.framework),
      ...prop('control-id', c.id),
      ...prop('control-status', c.status),
    ],
    target: {
      type: 'statement-id',
      'target-id': `${token}_smt`,
      status: { state: st, reason: st === 'satisfied' ? 'pass' : 'fail' },
      ...(c.status === 'partial' || c.status === 'supported'
        ? { 'implementation-status': { state: 'partial' } }
        : {}),
    },
    ...(ids.length > 0
      ? { 'related-observations': ids.map((id) => ({ 'observation-uuid': refs.observation.get(id) })) }
      : {}),
    ...(risks.length > 0 ? { 'related-risks': risks.map((id) => ({ 'risk-uuid': refs.risk.get(id) })) } : {}),
  };
}

/** reviewed-controls: one control selection per framework, with the given (tested) controls. */
export function buildReviewedControls(controls: readonly OscalControlInput[]): OscalObject {
  const frameworks = [...new Set(controls.map((c) => c.framework))].sort(compareText);
  if (frameworks.length === 0) {
    return { 'control-selections': [{ description: 'No control was tested in this report.' }] };
  }
  return {
    description:
      'The controls at least one of whose checks ran, by framework (control ids as in the bundle’s OSCAL catalogs).',
    'control-selections': frameworks.map((fw) => ({
      description: `${frameworkName(fw)} controls`,
      props: prop('framework', fw),
      'include-controls': [
        ...new Set(controls.filter((c) => c.framework === fw).map((c) => controlToken(fw, c.id))),
      ]
        .sort(compareText)
        .map((token) => ({ 'control-id': token })),
    })),
  };
}
