// Aggregation while reading: one entry per (source, destination, protocol, port, verdict, reply), so memory
// grows with the distinct paths, never with the number of records.
import type { FlowAggregate, FlowEndpoint, ObservedFlow } from '../../model/flows.js';

/** The identity of an end used for aggregation: the workload when named, else the pod, prefix or address. */
export function endpointKey(e: FlowEndpoint): string {
  const ns = e.namespace ?? '';
  if (e.workload) return `${ns}/w:${e.workload.kind}/${e.workload.name}`;
  if (e.pod) return `${ns}/p:${e.pod}`;
  if (e.podPrefix) return `${ns}/x:${e.podPrefix}`;
  if (e.ip) return `${ns}/i:${e.ip}${e.world ? '!' : ''}${e.host ? '^' : ''}`;
  if (e.labels) return `${ns}/l:${JSON.stringify(Object.entries(e.labels).sort())}`;
  return `${ns}/${e.host ? 'host' : e.world ? 'world' : '?'}`;
}

interface Entry {
  src: FlowEndpoint;
  dst: FlowEndpoint;
  flow: ObservedFlow;
  flows: number;
  first?: string;
  last?: string;
}

/** Keys of ends already seen (readers reuse one object per distinct end). */
const keys = new WeakMap<FlowEndpoint, string>();

function keyOf(e: FlowEndpoint): string {
  let k = keys.get(e);
  if (k === undefined) {
    k = endpointKey(e);
    keys.set(e, k);
  }
  return k;
}

export class FlowAggregator {
  private readonly entries = new Map<string, Entry>();

  add(f: ObservedFlow): void {
    const reply = f.reply === true;
    const k = `${keyOf(f.src)}\t${keyOf(f.dst)}\t${f.protocol ?? ''}\t${f.port ?? ''}\t${f.verdict}\t${reply ? 1 : 0}`;
    const e = this.entries.get(k);
    if (!e) {
      this.entries.set(k, {
        src: f.src,
        dst: f.dst,
        flow: f,
        flows: f.count,
        ...(f.time ? { first: f.time, last: f.time } : {}),
      });
      return;
    }
    e.flows += f.count;
    if (f.time) {
      if (e.first === undefined || f.time < e.first) e.first = f.time;
      if (e.last === undefined || f.time > e.last) e.last = f.time;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The aggregates in key order (deterministic whatever order the files were read in). */
  result(): FlowAggregate[] {
    return [...this.entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({
        src: e.src,
        dst: e.dst,
        ...(e.flow.protocol ? { protocol: e.flow.protocol } : {}),
        ...(e.flow.port !== undefined ? { port: e.flow.port } : {}),
        verdict: e.flow.verdict,
        reply: e.flow.reply === true,
        flows: e.flows,
        ...(e.first ? { firstSeen: e.first } : {}),
        ...(e.last ? { lastSeen: e.last } : {}),
      }));
  }
}
