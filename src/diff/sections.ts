// Reads the compliance parts of evidence.json defensively: an older bundle may lack them.
import { CONTROL_STATUSES, type ControlStatus } from '../model/compliance.js';

export interface ControlRow {
  readonly framework: string;
  readonly id: string;
  readonly title?: string;
  readonly status: ControlStatus;
  readonly findingIds: readonly string[];
}

export interface VendorRow {
  readonly name: string;
  readonly status?: string;
  readonly countries: readonly string[];
  readonly cidrs: readonly string[];
  readonly hosts: readonly string[];
  readonly reachableFrom: readonly string[];
}

const STATUSES: readonly string[] = CONTROL_STATUSES;

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A top-level part of evidence.json; early bundles kept it under `sections`. */
export function evidencePart(e: object, key: string): unknown {
  const r = e as Record<string, unknown>;
  return r[key] ?? rec(r.sections)?.[key];
}

/** evidence.json `controls` as rows; entries without framework, id or a known status are skipped. */
export function readControls(list: unknown): ControlRow[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((x): ControlRow[] => {
    const r = rec(x);
    if (!r || typeof r.framework !== 'string' || typeof r.id !== 'string') return [];
    if (typeof r.status !== 'string' || !STATUSES.includes(r.status)) return [];
    return [
      {
        framework: r.framework,
        id: r.id,
        ...(typeof r.title === 'string' ? { title: r.title } : {}),
        status: r.status as ControlStatus,
        findingIds: strings(r.findingIds),
      },
    ];
  });
}

/** evidence.json `register` (the sub-processor register) as rows. */
export function readRegister(list: unknown): VendorRow[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((x): VendorRow[] => {
    const r = rec(x);
    if (!r || typeof r.name !== 'string') return [];
    const ep = rec(r.endpoints);
    return [
      {
        name: r.name,
        ...(typeof r.status === 'string' ? { status: r.status } : {}),
        countries: strings(r.countries),
        cidrs: strings(ep?.cidrs),
        hosts: strings(ep?.hosts),
        reachableFrom: [...strings(r.reachableFrom), ...strings(r.reachableViaOpenEgress)].sort(),
      },
    ];
  });
}

/** "soc2 CC6.1": one key per control across bundles. */
export function controlKey(c: { framework: string; id: string }): string {
  return `${c.framework} ${c.id}`;
}
