// Sets of (protocol, port) as merged ranges per protocol: the algebra behind "TCP 1-79,81-65535".
import type { Protocol } from '../model/kube.js';
import type { ConnectionSet, PortRange } from '../model/connectivity.js';

export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Sorted, disjoint, non-adjacent inclusive ranges, flattened as [a0, b0, a1, b1, ...]. */
type Ranges = readonly number[];

function normalize(pairs: number[][]): number[] {
  pairs.sort((x, y) => (x[0] as number) - (y[0] as number));
  const out: number[] = [];
  for (const [a, b] of pairs as [number, number][]) {
    const n = out.length;
    if (n > 0 && a <= (out[n - 1] as number) + 1) out[n - 1] = Math.max(out[n - 1] as number, b);
    else out.push(a, b);
  }
  return out;
}

function toPairs(r: Ranges): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < r.length; i += 2) out.push([r[i] as number, r[i + 1] as number]);
  return out;
}

function intersect(x: Ranges, y: Ranges): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = Math.max(x[i] as number, y[j] as number);
    const b = Math.min(x[i + 1] as number, y[j + 1] as number);
    if (a <= b) out.push(a, b);
    if ((x[i + 1] as number) < (y[j + 1] as number)) i += 2;
    else j += 2;
  }
  return out;
}

function subtract(x: Ranges, y: Ranges): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < x.length; i += 2) {
    let a = x[i] as number;
    const b = x[i + 1] as number;
    while (j < y.length && (y[j + 1] as number) < a) j += 2;
    let k = j;
    while (k < y.length && (y[k] as number) <= b && a <= b) {
      if ((y[k] as number) > a) out.push(a, (y[k] as number) - 1);
      a = Math.max(a, (y[k + 1] as number) + 1);
      k += 2;
    }
    if (a <= b) out.push(a, b);
  }
  return out;
}

const FULL: Ranges = [MIN_PORT, MAX_PORT];
const NONE: Ranges = [];

/** An immutable set of connections; every operation returns a new set. */
export class PortSet {
  private constructor(private readonly r: Readonly<Record<Protocol, Ranges>>) {}

  static readonly empty = new PortSet({ SCTP: NONE, TCP: NONE, UDP: NONE });
  static readonly all = new PortSet({ SCTP: FULL, TCP: FULL, UDP: FULL });

  /** Ports `from`..`to` of one protocol (a whole protocol when the range is 1-65535). */
  static range(protocol: Protocol, from: number, to: number): PortSet {
    if (from > to) return PortSet.empty;
    return new PortSet({ ...PortSet.empty.r, [protocol]: [from, to] });
  }

  static protocol(protocol: Protocol): PortSet {
    return PortSet.range(protocol, MIN_PORT, MAX_PORT);
  }

  private combine(o: PortSet, f: (x: Ranges, y: Ranges) => Ranges): PortSet {
    return new PortSet({
      SCTP: f(this.r.SCTP, o.r.SCTP),
      TCP: f(this.r.TCP, o.r.TCP),
      UDP: f(this.r.UDP, o.r.UDP),
    });
  }

  union(o: PortSet): PortSet {
    if (o.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || o.isAll()) return o;
    return this.combine(o, (x, y) => normalize([...toPairs(x), ...toPairs(y)]));
  }

  intersect(o: PortSet): PortSet {
    if (this.isAll()) return o;
    if (o.isAll()) return this;
    return this.combine(o, intersect);
  }

  subtract(o: PortSet): PortSet {
    if (o.isEmpty()) return this;
    return this.combine(o, subtract);
  }

  isEmpty(): boolean {
    return this.r.SCTP.length === 0 && this.r.TCP.length === 0 && this.r.UDP.length === 0;
  }

  isAll(): boolean {
    return PROTOCOLS.every((p) => {
      const x = this.r[p];
      return x.length === 2 && x[0] === MIN_PORT && x[1] === MAX_PORT;
    });
  }

  equals(o: PortSet): boolean {
    return PROTOCOLS.every(
      (p) => this.r[p].length === o.r[p].length && this.r[p].every((v, i) => v === o.r[p][i]),
    );
  }

  ranges(protocol: Protocol): PortRange[] {
    return toPairs(this.r[protocol]).map(([from, to]) => ({ from: from as number, to: to as number }));
  }

  /** A cheap identity of the set (equal sets, equal keys), for interning per-pair results. */
  key(): string {
    return `${this.r.SCTP.join(',')}|${this.r.TCP.join(',')}|${this.r.UDP.join(',')}`;
  }

  toConnectionSet(): ConnectionSet {
    return {
      all: this.isAll(),
      ports: { SCTP: this.ranges('SCTP'), TCP: this.ranges('TCP'), UDP: this.ranges('UDP') },
    };
  }

  /** netpol-analyzer's text: "All Connections" or "SCTP 1-9,TCP 80,UDP 53" (protocols sorted by name). */
  toString(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    return PROTOCOLS.filter((p) => this.r[p].length > 0)
      .map(
        (p) =>
          `${p} ${this.ranges(p)
            .map((x) => (x.from === x.to ? `${x.from}` : `${x.from}-${x.to}`))
            .join(',')}`,
      )
      .join(',');
  }
}
