// The generic flow schema (docs/flows.md) for any other source, as JSON lines or CSV with a header row:
// time, src_namespace, src_pod, src_workload (Kind/name), src_ip, the same dst_ fields, protocol, port,
// verdict (allowed | denied), reply (true | false, default false), count (default 1).
import type { FlowEndpoint, FlowVerdict } from '../../model/flows.js';
import type { Protocol } from '../../model/kube.js';
import { error, isoTime, port, str, type JsonObject, type ParsedRecord } from './record.js';

export const GENERIC_FIELDS = [
  'time',
  'src_namespace',
  'src_pod',
  'src_workload',
  'src_ip',
  'dst_namespace',
  'dst_pod',
  'dst_workload',
  'dst_ip',
  'protocol',
  'port',
  'verdict',
  'reply',
  'count',
] as const;

const VERDICTS: Readonly<Record<string, FlowVerdict>> = {
  allowed: 'forwarded',
  forwarded: 'forwarded',
  denied: 'policy-dropped',
  dropped: 'policy-dropped',
};

export function looksLikeGeneric(o: JsonObject): boolean {
  return o.verdict !== undefined && o.protocol !== undefined;
}

function endpoint(o: JsonObject, side: 'src' | 'dst'): FlowEndpoint | string {
  const namespace = str(o[`${side}_namespace`]);
  const pod = str(o[`${side}_pod`]);
  const wl = str(o[`${side}_workload`]);
  const ip = str(o[`${side}_ip`]);
  let workload: { kind: string; name: string } | undefined;
  if (wl) {
    const m = /^([A-Za-z]+)\/(.+)$/.exec(wl);
    if (!m) return `${side}_workload: "${wl}" is not Kind/name`;
    workload = { kind: m[1] as string, name: m[2] as string };
  }
  if (!pod && !workload && !ip) return `${side}_pod, ${side}_workload or ${side}_ip: one is required`;
  return {
    ...(namespace ? { namespace } : {}),
    ...(pod ? { pod } : {}),
    ...(workload ? { workload } : {}),
    ...(ip ? { ip } : {}),
  };
}

function bool(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === '') return false;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return undefined;
}

/** One record as an object of the schema's fields (CSV cells are strings, JSON may use numbers/booleans). */
export function parseGeneric(o: JsonObject): ParsedRecord {
  const src = endpoint(o, 'src');
  if (typeof src === 'string') return error(src);
  const dst = endpoint(o, 'dst');
  if (typeof dst === 'string') return error(dst);
  const verdict = VERDICTS[String(o.verdict ?? '').toLowerCase()];
  if (!verdict) return error(`verdict: ${JSON.stringify(o.verdict ?? null)} is not allowed or denied`);
  const proto = String(o.protocol ?? '').toUpperCase();
  const protocol = proto === 'TCP' || proto === 'UDP' || proto === 'SCTP' ? (proto as Protocol) : undefined;
  if (!protocol && proto !== 'ICMP')
    return error(`protocol: "${String(o.protocol ?? '')}" is not TCP, UDP, SCTP or ICMP`);
  const p = port(o.port);
  if (protocol && p === undefined)
    return error(`port: ${JSON.stringify(o.port ?? null)} is not a port (1-65535)`);
  const reply = bool(o.reply);
  if (reply === undefined) return error(`reply: ${JSON.stringify(o.reply)} is not true or false`);
  const c = o.count === undefined || o.count === '' ? 1 : Number(o.count);
  if (!Number.isInteger(c) || c < 1)
    return error(`count: ${JSON.stringify(o.count)} is not a positive integer`);
  const time = str(o.time);
  if (time && Number.isNaN(Date.parse(time))) return error(`time: "${time}" is not an ISO-8601 time`);
  return {
    kind: 'flow',
    flow: {
      src,
      dst,
      ...(protocol ? { protocol, port: p as number } : {}),
      verdict,
      reply,
      ...(time ? { time: isoTime(new Date(time).toISOString()) } : {}),
      count: c,
    },
  };
}

/** Cells of one CSV line (RFC 4180 quoting: "a,b" and "" for a quote inside). */
export function csvCells(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
    } else {
      const c = line.indexOf(',', i);
      out.push((c < 0 ? line.slice(i) : line.slice(i, c)).trim());
      i = c < 0 ? line.length : c;
    }
    if (i >= line.length) return out;
    if (line[i] !== ',') return undefined;
    i++;
  }
}
