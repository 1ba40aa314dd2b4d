// Calico flow logs: the JSON records Calico's flow log pipeline writes (one per line), with the fields of
// Calico's "Flow log data types" reference: source_/dest_ namespace, name, name_aggr, labels, type, ip,
// dest_port, proto, action (allow/deny), reporter, policies, num_flows, start_time/end_time.
import type { Labels, Protocol } from '../../model/kube.js';
import type { FlowEndpoint } from '../../model/flows.js';
import { error, isObject, isoTime, pick, port, str, type JsonObject, type ParsedRecord } from './record.js';

const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  tcp: 'TCP',
  '6': 'TCP',
  udp: 'UDP',
  '17': 'UDP',
  sctp: 'SCTP',
  '132': 'SCTP',
};

export function looksLikeCalico(o: JsonObject): boolean {
  return (
    o.action !== undefined &&
    (o.source_namespace !== undefined || o.dest_namespace !== undefined || o.source_name_aggr !== undefined)
  );
}

/** Labels as `{"labels": ["app=web"]}` (flow logs) or a plain list of `key=value`. */
function labels(v: unknown): Labels | undefined {
  const list = isObject(v) ? v.labels : v;
  if (!Array.isArray(list)) return undefined;
  const out: Record<string, string> = {};
  for (const l of list)
    if (typeof l === 'string' && l.indexOf('=') > 0)
      out[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
  return Object.keys(out).length ? out : undefined;
}

/** A `-` means "none" (not namespaced, name aggregated away). */
function field(o: JsonObject, key: string): string | undefined {
  const v = str(o[key]);
  return v === '-' ? undefined : v;
}

function endpoint(o: JsonObject, side: 'source' | 'dest'): FlowEndpoint {
  const namespace = field(o, `${side}_namespace`);
  const name = field(o, `${side}_name`);
  const aggr = field(o, `${side}_name_aggr`);
  const type = field(o, `${side}_type`);
  const ip = field(o, `${side}_ip`);
  const l = labels(o[`${side}_labels`]);
  const isPod = type === undefined || type === 'wep';
  return {
    ...(namespace ? { namespace } : {}),
    ...(isPod && name ? { pod: name } : {}),
    ...(isPod && !name && aggr ? { podPrefix: aggr.endsWith('*') ? aggr.slice(0, -1) : aggr } : {}),
    ...(l ? { labels: l } : {}),
    ...(ip ? { ip } : {}),
    // "pub": an address outside every private range, so outside the cluster.
    ...(!isPod && aggr === 'pub' ? { world: true } : {}),
  };
}

function time(v: unknown): string | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n === 'number' && Number.isFinite(n)) return isoTime(new Date(n * 1000).toISOString());
  const s = str(v);
  return s ? isoTime(s) : undefined;
}

export function parseCalico(o: JsonObject): ParsedRecord {
  const action = str(o.action)?.toLowerCase();
  if (action !== 'allow' && action !== 'deny') return error(`action: must be "allow" or "deny"`);
  const proto = str(String(o.proto ?? ''))?.toLowerCase();
  if (!proto) return error('proto: missing');
  const protocol = PROTOCOLS[proto];
  const dp = port(o.dest_port);
  if (protocol && o.dest_port !== undefined && o.dest_port !== null && dp === undefined)
    return error(`dest_port: ${JSON.stringify(o.dest_port)} is not a port`);
  const n = pick(o, 'num_flows');
  const t = time(o.start_time);
  return {
    kind: 'flow',
    flow: {
      src: endpoint(o, 'source'),
      dst: endpoint(o, 'dest'),
      ...(protocol ? { protocol } : {}),
      ...(protocol && dp !== undefined ? { port: dp } : {}),
      verdict: action === 'allow' ? 'forwarded' : 'policy-dropped',
      // Flow logs are keyed by the connection's initiator: source is the client.
      reply: false,
      ...(t ? { time: t } : {}),
      count: typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1,
    },
  };
}
