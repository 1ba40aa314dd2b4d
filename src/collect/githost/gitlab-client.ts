// The @gitbeaker/rest client of one run, with a request handler that waits out GitLab's rate limits
// (429 with Retry-After / RateLimit-Reset) on a visible line and counts every request.
import { createRequesterFn, type RequestOptions } from '@gitbeaker/requester-utils';
import { Gitlab } from '@gitbeaker/rest';
import { AppError } from '../../model/errors.js';
import { hostAccessError } from './access-error.js';
import type { HostContext } from './types.js';

const MAX_LIMIT_RETRIES = 3;

/** An HTTP answer other than 2xx or 429, kept with its status for the caller to judge. */
export class GitLabHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GitLabHttpError';
  }
}

export type GitLabClient = InstanceType<typeof Gitlab<false>>;

function waitSeconds(headers: Headers): number {
  const after = Number(headers.get('retry-after'));
  if (Number.isFinite(after) && after > 0) return Math.ceil(after);
  const reset = Number(headers.get('ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - Date.now() / 1000));
  return 60;
}

async function body(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim();
  return type === 'application/json' ? (((await res.json()) as unknown) ?? {}) : await res.text();
}

/** A client whose `count()` is the number of HTTP requests sent (retries included). */
export function gitLabClient(
  apiUrl: string,
  ctx: HostContext,
): { client: GitLabClient; count: () => number } {
  let sent = 0;
  const maxWait = ctx.maxWaitSeconds ?? 3600;
  const handler = async (
    endpoint: string,
    options?: RequestOptions,
  ): Promise<{ body: unknown; headers: Record<string, string>; status: number }> => {
    const {
      prefixUrl,
      searchParams,
      method = 'GET',
      headers,
      body: payload,
    } = (options ?? {}) as RequestOptions & { body?: string };
    const url = new URL(endpoint, prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl ?? ''}/`);
    url.search = typeof searchParams === 'string' ? searchParams : '';
    for (let attempt = 0; ; attempt++) {
      sent++;
      const res = await fetch(url, {
        method,
        headers: headers as Record<string, string>,
        ...(payload ? { body: payload } : {}),
      }).catch((e: unknown) => {
        throw hostAccessError(
          'gitlab',
          apiUrl,
          `GET ${url.pathname}`,
          undefined,
          String((e as Error).message),
          e,
        );
      });
      if (res.ok)
        return {
          body: await body(res),
          headers: Object.fromEntries(res.headers.entries()),
          status: res.status,
        };
      if (res.status !== 429) {
        const b = await body(res);
        const m =
          typeof b === 'object' && b
            ? ((b as { message?: unknown; error?: unknown }).message ?? (b as { error?: unknown }).error)
            : b;
        throw new GitLabHttpError(res.status, typeof m === 'string' ? m : JSON.stringify(m ?? ''));
      }
      await res.body?.cancel();
      const wait = waitSeconds(res.headers);
      const retrying = wait <= maxWait && attempt < MAX_LIMIT_RETRIES;
      ctx.log.warn('githost.rate-limit', {
        host: 'gitlab',
        request: `${method} ${url.pathname}`,
        waitSeconds: wait,
        retrying,
        requests: sent,
      });
      ctx.log.progress?.('githost', `GitLab rate limit: waiting ${wait}s (${sent} requests so far)`);
      if (!retrying)
        throw new AppError(
          'GIT_ACCESS',
          `GitLab (${apiUrl}) rate limit still exhausted for ${url.pathname} after waiting; no partial result was written`,
        );
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  };
  const requesterFn = createRequesterFn((_, reqo) => Promise.resolve(reqo), handler as never);
  const client = new Gitlab({ host: apiUrl, token: ctx.token, requesterFn, queryTimeout: 120_000 });
  return { client, count: () => sent };
}
