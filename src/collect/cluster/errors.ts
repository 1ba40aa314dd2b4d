// Turns HTTP statuses and socket failures into CLUSTER_ACCESS errors that say what to fix.
import { AppError } from '../../model/errors.js';
import { redactSecrets } from '../../model/repo-url.js';
import { isRecord } from '../objects/raw.js';
import type { ApiResponse } from './http.js';
import type { ResourceType } from './resources.js';

/** The file that grants the collector its read access (kept in sync with resources.ts). */
export const CLUSTER_ROLE_FILE = 'deploy/rbac/clusterrole.yaml';

/** A request that took longer than the configured timeout. */
export class TimeoutError extends Error {
  readonly code = 'TIMEOUT';
  constructor(readonly ms: number) {
    super(`no complete response within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

const TLS_HINT = 'check certificate-authority / certificate-authority-data in the kubeconfig';

/** A socket, DNS or TLS failure, naming the server. */
export function networkError(server: string, e: unknown, path?: string): AppError {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const msg = err?.message ?? String(e);
  if (e instanceof TimeoutError)
    return new AppError('CLUSTER_ACCESS', `request to ${server}${path ?? ''} timed out: ${msg}`, {
      cause: e,
    });
  if (code === 'ECONNREFUSED')
    return new AppError('CLUSTER_ACCESS', `cannot connect to ${server}: connection refused`, { cause: e });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new AppError('CLUSTER_ACCESS', `cannot connect to ${server}: host name not found`, { cause: e });
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/.test(code) || /certificate|tls|ssl/i.test(msg))
    return new AppError(
      'CLUSTER_ACCESS',
      `TLS verification of ${server} failed: ${msg} (${code}); ${TLS_HINT}`,
      {
        cause: e,
      },
    );
  return new AppError('CLUSTER_ACCESS', `cannot reach ${server}: ${msg}${code ? ` (${code})` : ''}`, {
    cause: e,
  });
}

/** The message of a meta/v1 Status body, if the server sent one, with any credential it echoes removed. */
export function statusMessage(body: unknown): string | undefined {
  return isRecord(body) && typeof body.message === 'string' ? redactSecrets(body.message) : undefined;
}

/** An unexpected HTTP status for `GET path`; 401 and 403 say what credentials or RBAC rule are missing. */
export function statusError(
  server: string,
  path: string,
  res: ApiResponse,
  what?: { readonly verb: 'list' | 'get'; readonly type?: ResourceType },
): AppError {
  const detail = statusMessage(res.body);
  const said = detail ? `: ${detail}` : '';
  if (res.status === 401)
    return new AppError(
      'CLUSTER_ACCESS',
      `authentication failed for ${server} (HTTP 401 Unauthorized on GET ${path}); the credentials (bearer token, client ` +
        `certificate or service account token) were rejected or have expired${said}`,
    );
  if (res.status === 403) {
    const t = what?.type;
    const target = t
      ? `cannot ${what.verb} resource "${t.resource}" in API group "${t.group}" at the cluster scope`
      : `cannot ${what?.verb ?? 'get'} ${path}`;
    return new AppError(
      'CLUSTER_ACCESS',
      `forbidden on ${server}: ${target} (HTTP 403 on GET ${path}${said}); ` +
        `bind the identity to the read-only ClusterRole in ${CLUSTER_ROLE_FILE}`,
    );
  }
  return new AppError('CLUSTER_ACCESS', `GET ${path} on ${server} failed with HTTP ${res.status}${said}`);
}
