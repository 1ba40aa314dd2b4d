// Connlist as a Graphviz digraph: workloads grouped per namespace, external blocks and the ingress controller apart.
import type { Connectivity, Peer } from '../../model/connectivity.js';
import { connLabel } from './label.js';

const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function node(p: Peer): string {
  if (p.kind === 'workload')
    return `${q(p.id)} [label=${q(`${p.name ?? p.id}[${p.workloadKind ?? ''}]`)} shape=box]`;
  if (p.kind === 'external') return `${q(p.id)} [label=${q(p.id)} shape=box style=dotted]`;
  return `${q(p.id)} [label=${q(p.id)} shape=oval]`;
}

export function formatConnlistDot(c: Connectivity): string {
  const used = new Set(c.connections.flatMap((x) => [x.src, x.dst]));
  const peers = c.peers.filter((p) => used.has(p.id) || p.kind === 'workload');
  const byNs = new Map<string, Peer[]>();
  const others: Peer[] = [];
  for (const p of peers) {
    if (p.kind === 'workload' && p.namespace !== undefined)
      byNs.set(p.namespace, [...(byNs.get(p.namespace) ?? []), p]);
    else others.push(p);
  }
  const out = ['digraph {'];
  [...byNs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .forEach(([ns, list], i) => {
      out.push(`\tsubgraph cluster_${i} {`, `\t\tlabel=${q(ns)}`);
      for (const p of list) out.push(`\t\t${node(p)}`);
      out.push('\t}');
    });
  for (const p of others) out.push(`\t${node(p)}`);
  for (const x of c.connections) out.push(`\t${q(x.src)} -> ${q(x.dst)} [label=${q(connLabel(x))}]`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
