// Probe results compared with what the report's policies allow (pure): each probe's outcome, the evidence
// section, and the probes that contradict the policies (the same findings as flows: unenforced-flow,
// dropped-allowed-flow). Errors and inconclusive probes are counted and shown, never counted as enforcement.
import type { FlowPath } from '../../model/flows.js';
import type {
  ProbeEvidence,
  ProbeExpectation,
  ProbeOutcome,
  ProbeResult,
  ProbesSection,
} from '../../model/probes.js';
import type { Snapshot } from '../../model/snapshot.js';
import { directionAllows } from '../flows/attribute.js';
import { FlowResolver } from '../flows/resolve.js';
import type { Reachability } from '../reachability/index.js';

export interface ProbeInputs {
  readonly sources: ProbesSection['sources'];
  readonly results: readonly ProbeResult[];
}

export interface ProbeComparison {
  readonly section: ProbesSection;
  /** One path per contradicting probe (`flows` is 1): the evidence of the findings. */
  readonly unenforced: readonly FlowPath[];
  readonly droppedAllowed: readonly FlowPath[];
}

const OUTCOMES: readonly ProbeOutcome[] = [
  'enforced',
  'allowed',
  'unenforced',
  'dropped-allowed',
  'inconclusive',
  'error',
  'unresolved',
];

/** Expected + observed -> outcome (docs/probes.md "What a result proves"). */
export function probeOutcome(r: ProbeResult, expected: ProbeExpectation): ProbeOutcome {
  switch (r.observed) {
    case 'error':
      return 'error';
    case 'connected':
      return expected === 'allow' ? 'allowed' : 'unenforced';
    case 'timeout':
      // agnhost's UDP connect waits for a reply: silence proves nothing.
      if (r.protocol === 'UDP') return 'inconclusive';
      return expected === 'deny' ? 'enforced' : 'dropped-allowed';
    case 'refused':
    case 'other':
      return 'inconclusive';
  }
}

export function compareProbes(snapshot: Snapshot, reach: Reachability, inputs: ProbeInputs): ProbeComparison {
  const engine = reach.engine;
  const resolver = new FlowResolver(engine, snapshot);
  const results: ProbeEvidence[] = [];
  const unenforced: FlowPath[] = [];
  const droppedAllowed: FlowPath[] = [];
  for (const r of inputs.results) {
    if (r.observed === 'error') {
      results.push({ ...r, outcome: 'error' });
      continue;
    }
    const srcEnd = { namespace: r.from.namespace, pod: r.from.pod };
    const dstEnd = { namespace: r.to.namespace, pod: r.to.pod, ip: r.to.ip };
    const s = resolver.resolve(srcEnd, JSON.stringify(srcEnd));
    const d = resolver.resolve(dstEnd, JSON.stringify(dstEnd));
    if (s.kind !== 'peer' || d.kind !== 'peer') {
      results.push({ ...r, outcome: 'unresolved' });
      continue;
    }
    const ok =
      directionAllows(engine, 'egress', s.endpoint, d.endpoint, d.endpoint, r.protocol, r.port) &&
      directionAllows(engine, 'ingress', d.endpoint, s.endpoint, d.endpoint, r.protocol, r.port);
    const expected: ProbeExpectation = ok ? 'allow' : 'deny';
    const outcome = probeOutcome(r, expected);
    results.push({ ...r, expected, outcome });
    const path: FlowPath = {
      src: s.id,
      dst: d.id,
      protocol: r.protocol,
      port: r.port,
      flows: 1,
      firstSeen: r.startedAt,
      lastSeen: r.finishedAt,
    };
    if (outcome === 'unenforced') unenforced.push(path);
    else if (outcome === 'dropped-allowed') droppedAllowed.push(path);
  }
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ProbeOutcome, number>;
  for (const r of results) counts[r.outcome]++;
  return {
    section: { sources: inputs.sources, counts: { total: results.length, ...counts }, results },
    unenforced,
    droppedAllowed,
  };
}
