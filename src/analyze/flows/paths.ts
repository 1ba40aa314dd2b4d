// Observed paths merged per (source, destination, protocol, port), listed most flows first.
import type { FlowEndpoint, FlowPath, Listed } from '../../model/flows.js';

export class PathTally {
  private readonly paths = new Map<string, FlowPath>();

  add(p: FlowPath): void {
    const k = `${p.src}\u0000${p.dst}\u0000${p.protocol}\u0000${p.port}`;
    const seen = this.paths.get(k);
    if (!seen) {
      this.paths.set(k, p);
      return;
    }
    const first = [seen.firstSeen, p.firstSeen].filter((x): x is string => !!x).sort()[0];
    const last = [seen.lastSeen, p.lastSeen]
      .filter((x): x is string => !!x)
      .sort()
      .at(-1);
    this.paths.set(k, {
      ...seen,
      flows: seen.flows + p.flows,
      ...(first ? { firstSeen: first } : {}),
      ...(last ? { lastSeen: last } : {}),
    });
  }

  listed(limit: number): Listed<FlowPath> {
    const all = [...this.paths.values()].sort(
      (a, b) =>
        b.flows - a.flows ||
        (a.src < b.src ? -1 : a.src > b.src ? 1 : 0) ||
        (a.dst < b.dst ? -1 : a.dst > b.dst ? 1 : 0) ||
        (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0) ||
        a.port - b.port,
    );
    return { total: all.length, items: all.slice(0, limit) };
  }
}

/** An end as the flow source named it, for the list of ends that could not be mapped. */
export function endpointText(e: FlowEndpoint): string {
  const ns = e.namespace ? `${e.namespace}/` : '';
  if (e.workload) return `${ns}${e.workload.name}[${e.workload.kind}]`;
  if (e.pod) return `${ns}${e.pod}[pod]`;
  if (e.podPrefix) return `${ns}${e.podPrefix}*`;
  if (e.ip) return `${ns}${e.ip}`;
  if (e.labels)
    return `${ns}{${Object.entries(e.labels)
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}}`;
  return `${ns}(no identity)`;
}
