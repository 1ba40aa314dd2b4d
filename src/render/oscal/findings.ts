// One OSCAL finding per tested control: not-satisfied (notSatisfied, partial) or satisfied, linked to the
// observations of the findings mapped to it.
import type { Evidence } from '../../model/evidence.js';
import { controlToken } from './control-token.js';
import { observationUuid, prop } from './observations.js';
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
  const ka = `${a.framework}\u0000${a.id}`;
  const kb = `${b.framework}\u0000${b.id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function state(status: string): 'satisfied' | 'not-satisfied' | undefined {
  // supported: OSCAL has only two objective states; the implementation-status below says "partial".
  if (status === 'satisfied' || status === 'supported') return 'satisfied';
  if (status === 'notSatisfied' || status === 'partial') return 'not-satisfied';
  return undefined;
}

export function buildFinding(
  e: Evidence,
  c: OscalControlInput,
  known: ReadonlySet<string>,
): OscalObject | undefined {
  const st = state(c.status);
  if (!st) return undefined;
  const token = controlToken(c.framework, c.id);
  const ids = [...new Set(c.findingIds)].filter((id) => known.has(id)).sort();
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
      type: 'objective-id',
      'target-id': token,
      status: { state: st, reason: st === 'satisfied' ? 'pass' : 'fail' },
      ...(c.status === 'partial' || c.status === 'supported'
        ? { 'implementation-status': { state: 'partial' } }
        : {}),
    },
    ...(ids.length > 0
      ? { 'related-observations': ids.map((id) => ({ 'observation-uuid': observationUuid(e, id) })) }
      : {}),
  };
}

/** reviewed-controls: one control selection per framework, with every control in scope. */
export function buildReviewedControls(controls: readonly OscalControlInput[]): OscalObject {
  const frameworks = [...new Set(controls.map((c) => c.framework))].sort();
  if (frameworks.length === 0) {
    return { 'control-selections': [{ description: 'No controls were mapped in this report.' }] };
  }
  return {
    description: 'Controls whose evidence this report gives, by framework (ids mapped to OSCAL tokens).',
    'control-selections': frameworks.map((fw) => ({
      description: `${frameworkName(fw)} controls`,
      props: prop('framework', fw),
      'include-controls': [
        ...new Set(controls.filter((c) => c.framework === fw).map((c) => controlToken(fw, c.id))),
      ]
        .sort()
        .map((token) => ({ 'control-id': token })),
    })),
  };
}
