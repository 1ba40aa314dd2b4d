// Cilium Hubble flows: `hubble observe -o json` / `-o jsonpb` (GetFlowsResponse per line, proto field names)
// and the Hubble exporter's JSON lines; bare Flow objects and protojson camelCase names are accepted too.
// Field names follow cilium/cilium api/v1/flow/flow.proto and api/v1/observer/observer.proto.
import type { Labels, Protocol } from '../../model/kube.js';
import type { FlowEndpoint, FlowVerdict, ObservedFlow } from '../../model/flows.js';
import { error, isObject, isoTime, pick, port, str, type JsonObject, type ParsedRecord } from './record.js';

/** GetFlowsResponse members that are not flows (counted, not compared). */
const OTHER_EVENTS = [
  'node_status',
  'nodeStatus',
  'lost_events',
  'lostEvents',
  'agent_event',
  'agentEvent',
  'debug_event',
  'debugEvent',
];

/** flow.proto Verdict enum, by number for encoders that write enums as integers. */
const VERDICTS = [
  'VERDICT_UNKNOWN',
  'FORWARDED',
  'DROPPED',
  'ERROR',
  'AUDIT',
  'REDIRECTED',
  'TRACED',
  'TRANSLATED',
];

/** DropReason values that mean "a policy denied it" (flow.proto: POLICY_DENIED = 133, POLICY_DENY = 181). */
const POLICY_DROPS = new Set(['POLICY_DENIED', 'POLICY_DENY', '133', '181']);

/** True when the record looks like a Hubble flow (wrapped in `flow` or bare). */
export function looksLikeHubble(o: JsonObject): boolean {
  if (isObject(o.flow)) return true;
  if (OTHER_EVENTS.some((k) => o[k] !== undefined)) return true;
  return o.verdict !== undefined && (isObject(o.source) || isObject(o.IP) || isObject(o.l4));
}

function labels(v: unknown): { labels: Labels; world: boolean; host: boolean } {
  const out: Record<string, string> = {};
  let world = false;
  let host = false;
  if (Array.isArray(v))
    for (const l of v) {
      if (typeof l !== 'string') continue;
      if (l.startsWith('reserved:world')) world = true;
      if (l === 'reserved:host') host = true;
      if (!l.startsWith('k8s:')) continue;
      const eq = l.indexOf('=');
      if (eq > 4) out[l.slice(4, eq)] = l.slice(eq + 1);
    }
  return { labels: out, world, host };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Ends already built, by their full identity: a flow log repeats the same few pods millions of times. */
const endpoints = new Map<string, FlowEndpoint>();
const MAX_CACHED_ENDPOINTS = 50_000;

function endpoint(e: JsonObject, ip: string | undefined): FlowEndpoint {
  const w = Array.isArray(e.workloads) ? e.workloads.find(isObject) : undefined;
  const wName = w ? str(w.name) : undefined;
  const wKind = w ? str(w.kind) : undefined;
  const namespace = str(e.namespace);
  const pod = str(pick(e, 'pod_name', 'podName'));
  // A pod's labels are part of its identity only when it has no name (host, world, remote-node ends).
  const rawLabels = !pod && Array.isArray(e.labels) ? e.labels.join('\u0001') : '';
  const key = `${namespace ?? ''}|${pod ?? ''}|${ip ?? ''}|${wKind ?? ''}|${wName ?? ''}|${rawLabels}`;
  const seen = endpoints.get(key);
  if (seen) return seen;
  const l = labels(e.labels);
  const out: Mutable<FlowEndpoint> = {};
  if (namespace) out.namespace = namespace;
  if (pod) out.pod = pod;
  if (wName && wKind) out.workload = { kind: wKind, name: wName };
  if (Object.keys(l.labels).length) out.labels = l.labels;
  if (ip) out.ip = ip;
  if (l.world) out.world = true;
  if (l.host) out.host = true;
  if (endpoints.size >= MAX_CACHED_ENDPOINTS) endpoints.clear();
  endpoints.set(key, out);
  return out;
}

function verdictOf(f: JsonObject): FlowVerdict | 'other' | undefined {
  const v = f.verdict;
  const name = typeof v === 'number' ? VERDICTS[v] : str(v);
  if (name === 'FORWARDED') return 'forwarded';
  if (name === 'DROPPED') {
    const reason = pick(f, 'drop_reason_desc', 'dropReasonDesc', 'drop_reason', 'dropReason');
    return reason !== undefined && POLICY_DROPS.has(String(reason)) ? 'policy-dropped' : 'other-dropped';
  }
  return name ? 'other' : undefined;
}

function layer4(l4: unknown): { protocol?: Protocol; port?: number } | 'icmp' | undefined {
  if (!isObject(l4)) return undefined;
  for (const p of ['TCP', 'UDP', 'SCTP'] as const) {
    const x = l4[p];
    if (isObject(x)) {
      const dp = port(pick(x, 'destination_port', 'destinationPort'));
      return dp === undefined ? { protocol: p } : { protocol: p, port: dp };
    }
  }
  return 'icmp';
}

/** A reply per is_reply (a bool, or a BoolValue wrapper from older encoders); absent means unknown. */
function replyOf(f: JsonObject): boolean | undefined {
  const r = pick(f, 'is_reply', 'isReply');
  if (typeof r === 'boolean') return r;
  if (isObject(r) && typeof r.value === 'boolean') return r.value;
  if (typeof f.reply === 'boolean' && f.reply) return true;
  // Without is_reply, a SYN-ACK is the answer to a connection the other end opened.
  const tcp = isObject(f.l4) && isObject(f.l4.TCP) ? f.l4.TCP : undefined;
  const flags = tcp && isObject(tcp.flags) ? tcp.flags : undefined;
  return flags?.SYN === true && flags.ACK === true ? true : undefined;
}

export function parseHubble(o: JsonObject): ParsedRecord {
  const f = isObject(o.flow) ? o.flow : o.verdict !== undefined ? o : undefined;
  if (!f) return OTHER_EVENTS.some((k) => o[k] !== undefined) ? { kind: 'other' } : error('no "flow" object');
  const where = f === o ? '' : 'flow.';
  const verdict = verdictOf(f);
  if (!verdict) return error(`${where}verdict: missing`);
  if (verdict === 'other') return { kind: 'other' };
  if (!isObject(f.source)) return error(`${where}source: missing`);
  if (!isObject(f.destination)) return error(`${where}destination: missing`);
  const ip = isObject(f.IP) ? f.IP : {};
  const l4 = layer4(f.l4);
  const t = str(f.time) ?? str(o.time);
  const time = t ? isoTime(t) : undefined;
  const reply = replyOf(f);
  const reason = str(pick(f, 'drop_reason_desc', 'dropReasonDesc'));
  // Plain assignments, not spreads: this runs once per line of files of many gigabytes.
  const flow: Mutable<ObservedFlow> = {
    src: endpoint(f.source, str(ip.source)),
    dst: endpoint(f.destination, str(ip.destination)),
    verdict,
    count: 1,
  };
  if (l4 && l4 !== 'icmp') {
    if (l4.protocol) flow.protocol = l4.protocol;
    if (l4.port !== undefined) flow.port = l4.port;
  }
  if (reply !== undefined) flow.reply = reply;
  if (time) flow.time = time;
  if (reason) flow.dropReason = reason;
  return { kind: 'flow', flow };
}
