// Reading label selectors, ports and peers exactly as the Kubernetes API reference defines them.
import type {
  IPBlock,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Protocol,
} from '../../model/kube.js';
import type { Reader } from './raw.js';
import { parseCidr } from '../../model/cidr.js';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

export function readSelector(
  r: Reader,
  v: unknown,
  path: readonly (string | number)[],
): LabelSelector | undefined {
  const rec = r.record(v, path);
  if (!rec) return undefined;
  r.knownFields(rec, ['matchLabels', 'matchExpressions'], path);
  const sel: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] } = {};
  if (rec.matchLabels !== undefined && rec.matchLabels !== null) {
    sel.matchLabels = r.stringMap(rec.matchLabels, [...path, 'matchLabels']);
  }
  const exprs = r.array(rec.matchExpressions, [...path, 'matchExpressions']);
  if (exprs) {
    sel.matchExpressions = [];
    exprs.forEach((e, i) => {
      const p = [...path, 'matchExpressions', i];
      const er = r.record(e, p);
      if (!er) return;
      r.knownFields(er, ['key', 'operator', 'values'], p);
      const key = r.string(er.key, [...p, 'key']);
      const operator = r.string(er.operator, [...p, 'operator']);
      if (key === undefined) r.problem([...p, 'key'], 'is required');
      if (operator === undefined || !OPERATORS.has(operator)) {
        r.problem([...p, 'operator'], 'must be one of In, NotIn, Exists, DoesNotExist');
        return;
      }
      const values = (r.array(er.values, [...p, 'values']) ?? []).map(
        (x, j) => r.string(x, [...p, 'values', j]) ?? '',
      );
      if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
        r.problem([...p, 'values'], `must be non-empty for operator ${operator}`);
      }
      if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
        r.problem([...p, 'values'], `must be empty for operator ${operator}`);
      }
      if (key === undefined) return;
      sel.matchExpressions!.push({
        key,
        operator: operator as LabelSelectorRequirement['operator'],
        ...(values.length ? { values } : {}),
      });
    });
  }
  return sel;
}

export function readProtocol(
  r: Reader,
  v: unknown,
  path: readonly (string | number)[],
): Protocol | undefined {
  const s = r.string(v, path);
  if (s === undefined) return undefined;
  if (!PROTOCOLS.has(s)) {
    r.problem(path, 'must be one of TCP, UDP, SCTP');
    return undefined;
  }
  return s as Protocol;
}

export function readPolicyPort(
  r: Reader,
  v: unknown,
  path: readonly (string | number)[],
): NetworkPolicyPort | undefined {
  const rec = r.record(v, path);
  if (!rec) return undefined;
  r.knownFields(rec, ['protocol', 'port', 'endPort'], path);
  const out: { protocol?: Protocol; port?: number | string; endPort?: number } = {};
  const protocol = readProtocol(r, rec.protocol, [...path, 'protocol']);
  if (protocol) out.protocol = protocol;
  if (typeof rec.port === 'number') {
    if (!Number.isInteger(rec.port) || rec.port < 1 || rec.port > 65535)
      r.problem([...path, 'port'], 'must be a port number from 1 to 65535');
    else out.port = rec.port;
  } else if (typeof rec.port === 'string') {
    // IntOrString: a string of digits is a number written as text.
    if (/^\d+$/.test(rec.port)) out.port = Number(rec.port);
    else if (rec.port.length === 0) r.problem([...path, 'port'], 'must not be empty');
    else out.port = rec.port;
  } else if (rec.port !== undefined && rec.port !== null) {
    r.problem([...path, 'port'], 'must be a number or a port name');
  }
  const endPort = r.integer(rec.endPort, [...path, 'endPort']);
  if (endPort !== undefined) {
    if (typeof out.port !== 'number') r.problem([...path, 'endPort'], 'requires a numeric port');
    else if (endPort < out.port || endPort > 65535)
      r.problem([...path, 'endPort'], `must be from port (${out.port}) to 65535`);
    else out.endPort = endPort;
  }
  return out;
}

export function readIpBlock(r: Reader, v: unknown, path: readonly (string | number)[]): IPBlock | undefined {
  const rec = r.record(v, path);
  if (!rec) return undefined;
  r.knownFields(rec, ['cidr', 'except'], path);
  const cidr = r.string(rec.cidr, [...path, 'cidr']);
  if (cidr === undefined) {
    r.problem([...path, 'cidr'], 'is required');
    return undefined;
  }
  const outer = parseCidr(cidr);
  if (!outer) r.problem([...path, 'cidr'], `"${cidr}" is not a valid CIDR`);
  const except: string[] = [];
  (r.array(rec.except, [...path, 'except']) ?? []).forEach((e, i) => {
    const s = r.string(e, [...path, 'except', i]);
    if (s === undefined) return;
    const inner = parseCidr(s);
    if (!inner) r.problem([...path, 'except', i], `"${s}" is not a valid CIDR`);
    else except.push(s);
  });
  return except.length ? { cidr, except } : { cidr };
}

export function readPeer(
  r: Reader,
  v: unknown,
  path: readonly (string | number)[],
): NetworkPolicyPeer | undefined {
  const rec = r.record(v, path);
  if (!rec) return undefined;
  r.knownFields(rec, ['podSelector', 'namespaceSelector', 'ipBlock'], path);
  const peer: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: IPBlock } = {};
  const ps = readSelector(r, rec.podSelector, [...path, 'podSelector']);
  if (ps) peer.podSelector = ps;
  const ns = readSelector(r, rec.namespaceSelector, [...path, 'namespaceSelector']);
  if (ns) peer.namespaceSelector = ns;
  const ip = readIpBlock(r, rec.ipBlock, [...path, 'ipBlock']);
  if (ip) {
    peer.ipBlock = ip;
    if (ps || ns)
      r.problem([...path, 'ipBlock'], 'cannot be combined with podSelector or namespaceSelector in one peer');
  }
  return peer;
}
