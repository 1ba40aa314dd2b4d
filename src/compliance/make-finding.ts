// Findings raised by the compliance checks, with stable ids and a bounded sample of pairs.
import { findingId } from '../model/hash.js';
import {
  MAX_FINDING_PAIRS,
  resourceKey,
  type AffectedPair,
  type Finding,
  type ResourceRef,
  type Severity,
} from '../model/finding.js';
import { compareText } from './control-order.js';

/** The same bound as every other finding's pair sample. */
export const MAX_PAIRS = MAX_FINDING_PAIRS;

export interface FindingParts {
  readonly rule: string;
  readonly severity: Severity;
  readonly resource: ResourceRef;
  readonly message: string;
  readonly explanation?: string;
  readonly remediation?: string;
  readonly pairs?: readonly AffectedPair[];
}

function uniquePairs(pairs: readonly AffectedPair[]): AffectedPair[] {
  const seen = new Map<string, AffectedPair>();
  for (const p of pairs) seen.set(`${p.src}\u0000${p.dst}\u0000${p.conns}`, p);
  return [...seen.entries()].sort(([a], [b]) => compareText(a, b)).map(([, p]) => p);
}

export function makeFinding(parts: FindingParts): Finding {
  const { pairs, ...rest } = parts;
  const all = pairs ? uniquePairs(pairs) : undefined;
  return {
    id: findingId(parts.rule, resourceKey(parts.resource)),
    ...rest,
    ...(all ? { pairs: all.slice(0, MAX_PAIRS), pairCount: all.length } : {}),
  };
}
