// Findings from observed flows: traffic the data plane handled otherwise than the policies say.
import type { FlowPath } from '../../model/flows.js';
import type { Finding, ResourceRef } from '../../model/finding.js';
import { finding, MAX_PAIRS } from '../rules/context.js';
import { counted } from '../../model/words.js';

export const FLOW_RULES = ['unenforced-flow', 'dropped-allowed-flow'] as const;

/** "ns/name[Kind]" -> its resource; an outside address stays as written. */
function resourceOf(id: string): ResourceRef {
  const m = /^([^/]+)\/(.+)\[([^\]]+)\]$/.exec(id);
  return m
    ? { kind: m[3] as string, namespace: m[1] as string, name: m[2] as string }
    : { kind: 'External', name: id };
}

/** A path and what showed it: an observed flow, or an active probe (docs/probes.md). */
interface Evidence extends FlowPath {
  readonly by: 'flow' | 'probe';
}

function byTarget(paths: readonly Evidence[]): Map<string, Evidence[]> {
  const out = new Map<string, Evidence[]>();
  for (const p of paths) {
    // The workload that should have been protected: the destination, or the source for egress to outside.
    const target = p.dst.endsWith('[External]') ? p.src : p.dst;
    const list = out.get(target);
    if (list) list.push(p);
    else out.set(target, [p]);
  }
  return out;
}

/** "3 observed flows", "1 probe", or both joined; `total` picks "was" or "were". */
interface Tally {
  readonly text: string;
  readonly total: number;
  readonly flows: boolean;
  readonly probes: boolean;
}

function tally(list: readonly Evidence[]): Tally {
  const n = (by: Evidence['by']): number =>
    list.filter((p) => p.by === by).reduce((sum, p) => sum + p.flows, 0);
  const flows = n('flow');
  const probes = n('probe');
  return {
    text: [
      ...(flows ? [counted(flows, 'observed flow')] : []),
      ...(probes ? [counted(probes, 'probe')] : []),
    ].join(' and '),
    total: flows + probes,
    flows: flows > 0,
    probes: probes > 0,
  };
}

function build(
  rule: (typeof FLOW_RULES)[number],
  paths: readonly Evidence[],
  text: (target: string, what: Tally) => { message: string; explanation: string; remediation: string },
): Finding[] {
  return [...byTarget(paths).entries()].map(([target, list]) => {
    const f = finding(
      rule,
      rule === 'unenforced-flow' ? 'critical' : 'medium',
      resourceOf(target),
      text(target, tally(list)),
    );
    return {
      ...f,
      pairs: list.slice(0, MAX_PAIRS).map((p) => ({
        src: p.src,
        dst: p.dst,
        conns: `${p.protocol} ${p.port}${p.by === 'probe' ? ' (probe)' : ''}`,
      })),
      pairCount: list.length,
    };
  });
}

/** Paths that contradict the policies, as flows or probes showed them. */
export interface Contradictions {
  readonly unenforced: readonly FlowPath[];
  readonly droppedAllowed: readonly FlowPath[];
}

/**
 * unenforced-flow (critical) and dropped-allowed-flow (medium), one finding per protected workload, whether
 * observed flows or active probes showed the contradiction (both are listed as its pairs).
 */
export function flowFindings(
  unenforced: readonly FlowPath[],
  droppedAllowed: readonly FlowPath[],
  probes: Contradictions = { unenforced: [], droppedAllowed: [] },
): Finding[] {
  const tag = (list: readonly FlowPath[], by: Evidence['by']): Evidence[] => list.map((p) => ({ ...p, by }));
  return [
    ...build('unenforced-flow', [...tag(unenforced, 'flow'), ...tag(probes.unenforced, 'probe')], (t, n) => ({
      message: `${n.text} involving ${t} ${n.flows ? `${n.total === 1 ? 'was' : 'were'} forwarded` : 'connected'} although the collected policies deny them`,
      explanation:
        'The network plugin forwarded connections that no policy allows: either it does not enforce the policies as written (unsupported plugin, policy not yet programmed, a CNI-specific rule that allows more) or the analysis is wrong. Both need a person to look.',
      remediation:
        'Check that the CNI enforces NetworkPolicy on these nodes (e.g. `cilium policy get`, Calico `calicoctl get networkpolicy`), and compare the listed flows with the policies selecting both ends.',
    })),
    ...build(
      'dropped-allowed-flow',
      [...tag(droppedAllowed, 'flow'), ...tag(probes.droppedAllowed, 'probe')],
      (t, n) => ({
        message: `${n.text} involving ${t} ${n.flows ? `${n.total === 1 ? 'was' : 'were'} dropped by policy` : 'timed out'} although the collected policies allow them`,
        explanation: `The data plane denied connections the collected policies allow: the cluster enforces rules this report did not collect (a CiliumNetworkPolicy, a Calico GlobalNetworkPolicy, a host firewall).${n.probes ? ' A probe that timed out may also have met a destination that does not answer on that port.' : ''}`,
        remediation:
          'Find the rule that dropped them (Hubble `drop_reason_desc`, `egress_denied_by`/`ingress_denied_by`; Calico flow log `policies`) and bring it under the reviewed policy set, or allow the traffic there.',
      }),
    ),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
