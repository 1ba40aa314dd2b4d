// peer-matches-nothing: rule peers whose selectors match no namespace or pod (label typos silently deny).
import type { Finding, ResourceRef } from '../../model/finding.js';
import type { CompiledRule } from '../reachability/rules.js';
import { ciliumDeadPeers } from './cilium-checks.js';
import { calicoPeersMatchNothing } from './calico-findings.js';
import { finding, type Rule } from './context.js';
import { counted } from '../../model/words.js';

export const peerMatchesNothing: Rule = (ctx) => {
  const { engine } = ctx.reach;
  const u = engine.u;
  const dead = (rules: readonly CompiledRule[]): string[] =>
    rules.flatMap((r) =>
      r.peers.flatMap((p) => {
        if (p.kind !== 'pods') return [];
        const classes = engine.subjectClasses(p).filter((c) => u.classes[c]!.peers.length > 0);
        if (classes.length > 0) return [];
        const noNs = p.ns.type === 'some' && p.ns.list.every((n) => u.namespaces[n]!.synthetic);
        return [`${p.path}: ${noNs ? 'the namespaceSelector matches no namespace' : 'no pod matches'}`];
      }),
    );
  const out: Finding[] = [];
  const report = (resource: ResourceRef, ref: string, paths: string[]): void => {
    if (paths.length === 0) return;
    out.push(
      finding('peer-matches-nothing', 'medium', resource, {
        message: `${ref} has ${counted(paths.length, 'rule peer')} that ${paths.length === 1 ? 'matches' : 'match'} nothing, so ${paths.length === 1 ? 'that rule allows' : 'those rules allow'} no traffic.`,
        explanation: paths.join('; '),
        remediation:
          'Check the label keys and values in these selectors against the namespaces and pods (a typo is the usual cause).',
      }),
    );
  };
  for (const np of engine.netpols)
    report(
      { kind: 'NetworkPolicy', namespace: np.policy.namespace, name: np.policy.name },
      np.ref,
      dead([...(np.ingress ?? []), ...(np.egress ?? [])]),
    );
  for (const a of [...engine.admins, ...engine.baselines]) {
    const [kind, name] = a.ref.split('/') as [string, string];
    report({ kind, name }, a.ref, dead([...a.ingress, ...a.egress]));
  }
  for (const x of ciliumDeadPeers(ctx)) report(x.resource, x.ref, x.paths);
  out.push(...calicoPeersMatchNothing(ctx));
  return out;
};
