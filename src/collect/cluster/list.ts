// One paged list (limit + continue), converted page by page so only the snapshot's fields stay in memory.
import { AppError } from '../../model/errors.js';
import type { Logger } from '../../model/log.js';
import { SnapshotBuilder } from '../objects/builder.js';
import { convertObject } from '../objects/convert.js';
import { fieldPath, isRecord, type Raw } from '../objects/raw.js';
import { statusError, statusMessage } from './errors.js';
import type { ApiClient } from './http.js';
import { groupVersion, listPath, resourceKey, type ResourceType } from './resources.js';

/** How often an expired continue token (410 Gone) restarts a list before the collection fails. */
export const MAX_LIST_RESTARTS = 3;

export interface ListResult {
  /** The list's objects, in their own builder so a restarted list leaves nothing behind. */
  readonly part: SnapshotBuilder;
  /** metadata.resourceVersion of the first page: every later page is served at the same version. */
  readonly resourceVersion: string;
  readonly pages: number;
}

function pagePath(type: ResourceType, limit: number, cont: string | undefined): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cont !== undefined) q.set('continue', cont);
  return `${listPath(type)}?${q.toString()}`;
}

/**
 * Lists every object of `type` across all namespaces. Follows `continue` until the server returns none
 * (API concepts, "Retrieving large results sets in chunks"); a 410 Gone restarts the list from the start.
 */
export async function listAll(
  api: ApiClient,
  type: ResourceType,
  limit: number,
  log: Logger,
): Promise<ListResult> {
  for (let restart = 0; ; restart++) {
    const part = new SnapshotBuilder();
    let cont: string | undefined;
    let resourceVersion = '';
    let pages = 0;
    let expired = false;
    do {
      const path = pagePath(type, limit, cont);
      const res = await api.get(path);
      if (res.status === 410 && cont !== undefined) {
        expired = true;
        if (restart >= MAX_LIST_RESTARTS)
          throw new AppError(
            'CLUSTER_ACCESS',
            `listing ${resourceKey(type)} on ${api.server} failed: the continue token expired (HTTP 410 Gone) ` +
              `${restart + 1} times; the list changes faster than pages of ${limit} can be read ` +
              `(${statusMessage(res.body) ?? 'Expired'}); retry later or raise the page size`,
          );
        log.warn('cluster list restarted', { resource: resourceKey(type), reason: 'continue token expired' });
        break;
      }
      if (res.status !== 200) throw statusError(api.server, path, res, { verb: 'list', type });
      const body = res.body;
      if (!isRecord(body) || !Array.isArray(body.items))
        throw new AppError(
          'CLUSTER_ACCESS',
          `GET ${path} on ${api.server}: the response is not a ${type.kind}List`,
        );
      const meta = isRecord(body.metadata) ? body.metadata : {};
      if (pages === 0) resourceVersion = typeof meta.resourceVersion === 'string' ? meta.resourceVersion : '';
      pages++;
      addItems(part, type, body.items, listPath(type));
      log.progress?.('collect', `${resourceKey(type)}: page ${pages}, ${body.items.length} objects`);
      cont = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
    } while (cont !== undefined);
    if (!expired) return { part, resourceVersion, pages };
  }
}

function addItems(part: SnapshotBuilder, type: ResourceType, items: unknown[], path: string): void {
  const apiVersion = groupVersion(type);
  for (const item of items) {
    if (!isRecord(item)) {
      part.warn(`GET ${path}`, `an item of the ${type.kind}List is not an object; skipped`);
      continue;
    }
    // Items of built-in lists carry no kind/apiVersion; the list's type supplies them.
    if (typeof item.kind !== 'string') item.kind = type.kind;
    if (typeof item.apiVersion !== 'string') item.apiVersion = apiVersion;
    const r = convertObject(item, part);
    if (r.notes.length === 0 && r.problems.length === 0) continue;
    const where = `GET ${path} ${objectName(item)}`;
    for (const n of r.notes) part.warn(where, `${fieldPath(n.path)}: ${n.message}`);
    for (const p of r.problems) part.warn(where, `${fieldPath(p.path)}: ${p.message}; object skipped`);
  }
}

function objectName(item: Raw): string {
  const meta = isRecord(item.metadata) ? item.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '?';
  return typeof meta.namespace === 'string' ? `${meta.namespace}/${name}` : name;
}

/** Adds a finished list's objects to the snapshot being built. */
export function mergeInto(target: SnapshotBuilder, part: SnapshotBuilder): void {
  for (const [name, ns] of part.namespaces) target.namespaces.set(name, ns);
  append(target.workloads, part.workloads);
  append(target.pods, part.pods);
  append(target.services, part.services);
  append(target.ingresses, part.ingresses);
  append(target.networkPolicies, part.networkPolicies);
  append(target.adminNetworkPolicies, part.adminNetworkPolicies);
  append(target.baselineAdminNetworkPolicies, part.baselineAdminNetworkPolicies);
  append(target.otherPolicies, part.otherPolicies);
  append(target.gitops, part.gitops);
  append(target.warnings, part.warnings);
  for (const [k, n] of Object.entries(part.counts)) target.counts[k] = (target.counts[k] ?? 0) + n;
  for (const [k, n] of Object.entries(part.skipped)) target.skipped[k] = (target.skipped[k] ?? 0) + n;
}

/** push(...big) overflows the stack for lists of 100,000+ objects. */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}
