// Which optional policy APIs the cluster serves, from the discovery documents (/apis, /apis/<group>/<version>).
import { AppError } from '../../model/errors.js';
import type { Logger } from '../../model/log.js';
import { isRecord } from '../objects/raw.js';
import { statusError } from './errors.js';
import type { ApiClient } from './http.js';
import { OPTIONAL_GROUPS, groupVersion, type OptionalGroup, type ResourceType } from './resources.js';

export interface Discovered {
  /** Optional resources to list. */
  readonly types: readonly ResourceType[];
  /** Optional groups (or group/version) the cluster does not serve. */
  readonly absent: readonly string[];
  /** Served, but without a resource we read: worth a warning in the report. */
  readonly notes: readonly { readonly where: string; readonly message: string }[];
}

async function getDoc(api: ApiClient, path: string): Promise<Record<string, unknown>> {
  const res = await api.get(path);
  if (res.status !== 200) throw statusError(api.server, path, res, { verb: 'get' });
  if (!isRecord(res.body))
    throw new AppError('CLUSTER_ACCESS', `GET ${path} on ${api.server}: the discovery document is not JSON`);
  return res.body;
}

/** Served versions per group, from the APIGroupList at /apis. */
async function servedGroups(api: ApiClient): Promise<Map<string, string[]>> {
  const doc = await getDoc(api, '/apis');
  const out = new Map<string, string[]>();
  for (const g of Array.isArray(doc.groups) ? doc.groups : []) {
    if (!isRecord(g) || typeof g.name !== 'string') continue;
    const versions = (Array.isArray(g.versions) ? g.versions : []).flatMap((v) =>
      isRecord(v) && typeof v.version === 'string' ? [v.version] : [],
    );
    out.set(g.name, versions);
  }
  return out;
}

/** Resources of one group version that support "list", from its APIResourceList. */
async function listable(api: ApiClient, g: OptionalGroup): Promise<Set<string>> {
  const doc = await getDoc(api, `/apis/${groupVersion(g)}`);
  const out = new Set<string>();
  for (const r of Array.isArray(doc.resources) ? doc.resources : []) {
    if (!isRecord(r) || typeof r.name !== 'string') continue;
    if (Array.isArray(r.verbs) && !r.verbs.includes('list')) continue;
    out.add(r.name);
  }
  return out;
}

/** Finds the optional groups served; an absent group is logged as a note, never an error. */
export async function discoverOptional(api: ApiClient, log: Logger): Promise<Discovered> {
  const served = await servedGroups(api);
  const types: ResourceType[] = [];
  const absent: string[] = [];
  const notes: { where: string; message: string }[] = [];
  for (const g of OPTIONAL_GROUPS) {
    const versions = served.get(g.group);
    if (g.readInsteadOf && served.get(g.readInsteadOf)?.length) {
      if (versions) log.info('cluster api group not read', { group: g.group, readInstead: g.readInsteadOf });
      continue;
    }
    if (!versions || !versions.includes(g.version)) {
      const what = versions ? groupVersion(g) : g.group;
      absent.push(what);
      log.info('cluster api group absent', {
        group: what,
        ...(versions ? { servedVersions: versions.join(',') } : {}),
      });
      continue;
    }
    const names = await listable(api, g);
    for (const t of g.resources) {
      if (names.has(t.resource)) types.push(t);
      else
        notes.push({
          where: `GET /apis/${groupVersion(g)}`,
          message: `served without the ${t.resource} resource; ${t.kind} not read`,
        });
    }
  }
  return { types, absent, notes };
}
