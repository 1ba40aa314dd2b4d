// What the test API server holds: objects per list path, and the discovery documents that describe them.
import type { RawObject } from './server.js';
import { BUILT_IN, OPTIONAL, groupVersionOf, listPathOf, type ServedType } from './types.js';

export interface Served {
  readonly type: ServedType;
  /** Sorted by namespace/name, as etcd returns keys. */
  readonly items: RawObject[];
}

function meta(o: RawObject): Record<string, unknown> {
  return (o.metadata ?? {}) as Record<string, unknown>;
}

function key(o: RawObject): string {
  const m = meta(o);
  return `${String(m.namespace ?? '')}/${String(m.name ?? '')}`;
}

export function index(
  objects: readonly RawObject[],
  groups: readonly string[] | undefined,
): Map<string, Served> {
  const fromObjects = OPTIONAL.filter((s) => objects.some((o) => o.apiVersion === groupVersionOf(s))).map(
    (s) => s.group,
  );
  const served = new Set(groups ?? fromObjects);
  // A group serves all of its resources, as a CRD bundle or an aggregated API does.
  const optional = OPTIONAL.filter((s) => served.has(s.group));
  const byPath = new Map<string, Served>();
  for (const type of [...BUILT_IN, ...optional]) byPath.set(listPathOf(type), { type, items: [] });
  for (const o of objects) {
    const s = [...byPath.values()].find(
      (x) => groupVersionOf(x.type) === o.apiVersion && x.type.kind === o.kind,
    );
    if (!s) throw new Error(`test API server: no served type for ${String(o.apiVersion)} ${String(o.kind)}`);
    if (s.type.custom) s.items.push(o);
    else {
      const { kind: _k, apiVersion: _a, ...rest } = o;
      s.items.push(rest);
    }
  }
  for (const s of byPath.values()) s.items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return byPath;
}

export function discovery(types: readonly ServedType[], p: string): unknown {
  if (p === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  const groups = [...new Set(types.filter((t) => t.group !== '').map((t) => t.group))];
  if (p === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((name) => {
        const versions = [...new Set(types.filter((t) => t.group === name).map((t) => t.version))];
        const v = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
        return { name, versions: v, preferredVersion: v[0] };
      }),
    };
  }
  const gv = p === '/api/v1' ? 'v1' : p.startsWith('/apis/') ? p.slice('/apis/'.length) : '';
  const inGv = types.filter((t) => groupVersionOf(t) === gv);
  if (inGv.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: inGv.map((t) => ({
      name: t.resource,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  };
}
