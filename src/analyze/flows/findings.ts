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

function byTarget(paths: readonly FlowPath[]): Map<string, FlowPath[]> {
  const out = new Map<string, FlowPath[]>();
  for (const p of paths) {
    // The workload that should have been protected: the destination, or the source for egress to outside.
    const target = p.dst.endsWith('[External]') ? p.src : p.dst;
    const list = out.get(target);
    if (list) list.push(p);
    else out.set(target, [p]);
  }
  return out;
}

function build(
  rule: (typeof FLOW_RULES)[number],
  paths: readonly FlowPath[],
  text: (target: string, flows: number) => { message: string; explanation: string; remediation: string },
): Finding[] {
  return [...byTarget(paths).entries()].map(([target, list]) => {
    const flows = list.reduce((n, p) => n + p.flows, 0);
    const f = finding(
      rule,
      rule === 'unenforced-flow' ? 'critical' : 'medium',
      resourceOf(target),
      text(target, flows),
    );
    return {
      ...f,
      pairs: list
        .slice(0, MAX_PAIRS)
        .map((p) => ({ src: p.src, dst: p.dst, conns: `${p.protocol} ${p.port}` })),
      pairCount: list.length,
    };
  });
}

/** unenforced-flow (critical) and dropped-allowed-flow (medium), one finding per protected workload. */
export function flowFindings(
  unenforced: readonly FlowPath[],
  droppedAllowed: readonly FlowPath[],
): Finding[] {
  return [
    ...build('unenforced-flow', unenforced, (t, n) => ({
      message: `${counted(n, 'observed flow')} involving ${t} ${n === 1 ? 'was' : 'were'} forwarded although the collected policies deny them`,
      explanation:
        'The network plugin forwarded connections that no policy allows: either it does not enforce the policies as written (unsupported plugin, policy not yet programmed, a CNI-specific rule that allows more) or the analysis is wrong. Both need a person to look.',
      remediation:
        'Check that the CNI enforces NetworkPolicy on these nodes (e.g. `cilium policy get`, Calico `calicoctl get networkpolicy`), and compare the listed flows with the policies selecting both ends.',
    })),
    ...build('dropped-allowed-flow', droppedAllowed, (t, n) => ({
      message: `${counted(n, 'observed flow')} involving ${t} ${n === 1 ? 'was' : 'were'} dropped by policy although the collected policies allow them`,
      explanation:
        'The data plane denied connections the collected policies allow: the cluster enforces rules this report did not collect (a CiliumNetworkPolicy, a Calico GlobalNetworkPolicy, a host firewall).',
      remediation:
        'Find the rule that dropped them (Hubble `drop_reason_desc`, `egress_denied_by`/`ingress_denied_by`; Calico flow log `policies`) and bring it under the reviewed policy set, or allow the traffic there.',
    })),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
