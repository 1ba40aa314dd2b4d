// Cilium toPorts (PortRule / PortProtocol, cilium.io/v2) compiled to port sets, with the L7 rules they carry.
import type { Protocol } from '../../model/kube.js';
import { PortSet, PROTOCOLS } from '../port-set.js';
import type { PortSpec } from './rules.js';

type Raw = Readonly<Record<string, unknown>>;

const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** One toPorts entry: its ports, and the L7 protocols ("HTTP", "DNS", ...) that restrict them, if any. */
export interface CiliumPorts {
  readonly ports: PortSpec;
  readonly l7: readonly string[];
  /** Protocols named that the analysis does not model (ICMP, VRRP, IGMP). */
  readonly ignored: readonly string[];
}

/** Cilium's ANY (the default) stands for every transport protocol it enforces: TCP, UDP and SCTP. */
function protocols(v: unknown): { list: readonly Protocol[]; ignored?: string } {
  if (v === undefined || v === 'ANY') return { list: PROTOCOLS };
  if (v === 'TCP' || v === 'UDP' || v === 'SCTP') return { list: [v] };
  return { list: [], ignored: String(v) };
}

/** The L7 protocols a PortRule's `rules` (and SNI / listener restrictions) name. */
function l7Kinds(r: Raw): string[] {
  const out: string[] = [];
  const rules = rec(r.rules);
  if (rules) {
    if (rules.http !== undefined) out.push('HTTP');
    if (rules.kafka !== undefined) out.push('Kafka');
    if (rules.dns !== undefined) out.push('DNS');
    if (typeof rules.l7proto === 'string') out.push(rules.l7proto);
    else if (rules.l7 !== undefined) out.push('L7');
  }
  if (arr(r.serverNames).length > 0) out.push('TLS SNI');
  if (r.listener !== undefined) out.push('Envoy listener');
  return out;
}

/**
 * One PortRule: `port` is a number, a named container port, or absent/"0" for every port; `endPort` makes a
 * range; no `ports` at all means every port.
 */
export function compileCiliumPorts(v: unknown): CiliumPorts {
  const r = rec(v) ?? {};
  const list = arr(r.ports);
  const ignored: string[] = [];
  let fixed = PortSet.empty;
  const named: { name: string; protocol?: Protocol }[] = [];
  if (list.length === 0) fixed = PortSet.all;
  for (const item of list) {
    const p = rec(item) ?? {};
    const { list: protos, ignored: skip } = protocols(p.protocol);
    if (skip) ignored.push(skip);
    const port = typeof p.port === 'number' ? String(p.port) : typeof p.port === 'string' ? p.port : '0';
    if (/^\d+$/.test(port)) {
      const from = Number(port);
      const end = typeof p.endPort === 'number' ? p.endPort : from;
      for (const proto of protos)
        fixed = fixed.union(
          from === 0 ? PortSet.protocol(proto) : PortSet.range(proto, from, Math.max(from, end)),
        );
    } else if (protos.length === PROTOCOLS.length) named.push({ name: port });
    else for (const proto of protos) named.push({ name: port, protocol: proto });
  }
  return { ports: { fixed, named }, l7: l7Kinds(r), ignored };
}
