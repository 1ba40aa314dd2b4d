// One OSCAL observation per finding, and one inventory item per Kubernetes object the findings name.
import type { Evidence } from '../../model/evidence.js';
import { resourceKey, type Finding, type ResourceRef } from '../../model/finding.js';
import { oneLine } from './control-token.js';
import { PROP_NS, type OscalObject, type OscalProp } from './types.js';
import { stableUuid } from './uuid.js';

export function prop(name: string, value: string | undefined): OscalProp[] {
  const v = oneLine(value);
  return v === undefined ? [] : [{ name, ns: PROP_NS, value: v }];
}

/** The same Kubernetes object has the same UUID in every report. */
export function resourceUuid(r: ResourceRef): string {
  return stableUuid(`resource/${resourceKey(r)}`);
}

export function resourceTitle(r: ResourceRef): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

export function observationUuid(e: Evidence, findingId: string): string {
  return stableUuid(`observation/${e.reportId}/${findingId}`);
}

/** Findings computed from reachability (they carry pairs) were tested; the others come from examining specs. */
function method(f: Finding): 'TEST' | 'EXAMINE' {
  return f.pairs !== undefined || f.pairCount !== undefined ? 'TEST' : 'EXAMINE';
}

/** collected: when the data behind it finished being collected; evidence: the back-matter resource of evidence.json. */
export function buildObservation(
  e: Evidence,
  f: Finding,
  ctx: { readonly toolUuid: string; readonly collected: string; readonly evidenceResource: string },
): OscalObject {
  const description = f.explanation ? `${f.message}\n\n${f.explanation}` : f.message;
  const props = [
    ...prop('finding-id', f.id),
    ...prop('rule', f.rule),
    ...prop('severity', f.severity),
    ...prop('exception', f.exception?.status),
    ...(f.pairCount !== undefined ? prop('affected-pairs', String(f.pairCount)) : []),
  ];
  return {
    uuid: observationUuid(e, f.id),
    title: `${f.rule}: ${resourceTitle(f.resource)}`,
    description,
    props,
    methods: [method(f)],
    types: ['finding'],
    origins: [{ actors: [{ type: 'tool', 'actor-uuid': ctx.toolUuid }] }],
    subjects: [
      {
        'subject-uuid': resourceUuid(f.resource),
        type: 'inventory-item',
        title: resourceTitle(f.resource),
      },
    ],
    'relevant-evidence': [
      { href: `#${ctx.evidenceResource}`, description: `Finding ${f.id} in evidence.json (findings[])` },
    ],
    collected: ctx.collected,
    ...(f.remediation ? { remarks: `Remediation: ${f.remediation}` } : {}),
  };
}

/** Every object a finding names, once, sorted by key (so subjects resolve in the document). */
export function inventoryResources(findings: readonly Finding[]): ResourceRef[] {
  const byKey = new Map<string, ResourceRef>();
  for (const f of findings) byKey.set(resourceKey(f.resource), f.resource);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** The inventory item of one Kubernetes object. */
export function inventoryItem(r: ResourceRef): OscalObject {
  return {
    uuid: resourceUuid(r),
    description: `Kubernetes ${resourceTitle(r)}`,
    props: [...prop('kind', r.kind), ...prop('namespace', r.namespace), ...prop('name', r.name)],
  };
}
