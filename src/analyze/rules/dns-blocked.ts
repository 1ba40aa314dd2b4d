// dns-blocked-by-default-deny: egress default-deny without an allow to the cluster DNS on UDP and TCP 53.
import type { Finding } from '../../model/finding.js';
import { PortSet } from '../port-set.js';
import type { Endpoint } from '../reachability/rules.js';
import type { PodClass } from '../reachability/universe.js';
import { finding, PairSample, type Rule } from './context.js';

const DNS = PortSet.range('UDP', 53, 53).union(PortSet.range('TCP', 53, 53));
const DNS_LABELS = { 'k8s-app': 'kube-dns' };

/** The cluster DNS pods (k8s-app=kube-dns) in the snapshot, or a stand-in (kube-system, k8s-app=kube-dns, port 53) when absent. */
function dnsEndpoints(ctx: Parameters<Rule>[0]): { eps: Endpoint[]; assumed: boolean; name: string } {
  const u = ctx.reach.engine.u;
  const ks = u.nsIndex.get('kube-system');
  const real = u.classes.filter((c) => c.peers.length > 0 && c.labels['k8s-app'] === 'kube-dns');
  if (real.length) {
    // Name the DNS workload as the rest of the report does (e.g. kube-system/coredns), not by its Service.
    const ids = [...new Set(real.flatMap((c) => c.peers.map((p) => u.peers[p]!.id)))].sort();
    return { eps: real.map((c) => ({ type: 'class', c })), assumed: false, name: ids.join(', ') };
  }
  const c: PodClass = {
    index: -1,
    ns: ks ?? -1,
    labels: DNS_LABELS,
    labelsId: -1,
    ports: [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    ],
    peers: [],
  };
  return { eps: [{ type: 'class', c }], assumed: true, name: 'kube-system/kube-dns' };
}

export const dnsBlockedByDefaultDeny: Rule = (ctx) => {
  const { engine } = ctx.reach;
  const u = engine.u;
  const { eps, assumed, name } = dnsEndpoints(ctx);
  const out: Finding[] = [];
  for (const cov of ctx.coverage) {
    if (!cov.egressDefaultDeny) continue;
    const ns = u.nsIndex.get(cov.namespace)!;
    const sample = new PairSample();
    for (const c of u.classesByNs[ns] ?? []) {
      const cl = u.classes[c]!;
      if (cl.peers.length === 0) continue;
      let dns = PortSet.empty;
      for (const ep of eps) dns = dns.union(engine.direction(c, 'egress', ep, ep).intersect(DNS));
      if (dns.equals(DNS)) continue;
      for (const p of cl.peers) sample.add(u.peers[p]!.id, name, DNS.subtract(dns));
    }
    if (sample.count === 0) continue;
    out.push(
      finding(
        'dns-blocked-by-default-deny',
        'medium',
        { kind: 'Namespace', name: cov.namespace },
        {
          message: `Egress default-deny in ${cov.namespace} blocks DNS for ${sample.count} ${sample.count === 1 ? 'workload' : 'workloads'}.`,
          explanation: `${cov.egressDenyPolicies.join(', ')} ${cov.egressDenyPolicies.length === 1 ? 'isolates' : 'isolate'} every pod in ${cov.namespace} for egress, and no egress rule allows UDP and TCP 53 to the cluster DNS (${assumed ? 'not in the snapshot; assumed kube-system pods labelled k8s-app=kube-dns' : `${name}, pods labelled k8s-app=kube-dns`}).`,
          remediation: `Add an egress rule in ${cov.namespace}: to namespaceSelector kubernetes.io/metadata.name=kube-system with podSelector k8s-app=kube-dns, ports UDP 53 and TCP 53.`,
        },
        sample,
      ),
    );
  }
  return out;
};
