// The Octokit client of one run: retry and throttling plugins, rate limits waited out with a visible line.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { AppError } from '../../model/errors.js';
import { hostAccessError } from './access-error.js';
import type { HostContext } from './types.js';

const Client = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof Client>;

/** Retries per request after a rate limit before the run fails (never a silent partial result). */
const MAX_LIMIT_RETRIES = 3;

/** A client whose `count()` is the number of HTTP requests sent (retries included). */
export function gitHubClient(
  apiUrl: string,
  ctx: HostContext,
): { client: GitHubClient; count: () => number } {
  let sent = 0;
  const maxWait = ctx.maxWaitSeconds ?? 3600;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
      const wait = retryAfter <= maxWait && retryCount < MAX_LIMIT_RETRIES;
      ctx.log.warn('githost.rate-limit', {
        host: 'github',
        limit: kind,
        request: `${options.method ?? 'GET'} ${options.url ?? ''}`,
        waitSeconds: retryAfter,
        retrying: wait,
        requests: sent,
      });
      ctx.log.progress?.(
        'githost',
        `GitHub ${kind} rate limit: waiting ${retryAfter}s (${sent} requests so far)`,
      );
      return wait;
    };
  const client = new Client({
    auth: ctx.token,
    baseUrl: apiUrl,
    userAgent: 'netpol-evidence',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    // Counted at the HTTP layer so that retries after a rate limit are counted too.
    request: {
      fetch: (url: string | URL, init?: RequestInit) => {
        sent++;
        return fetch(url, init);
      },
    },
  });
  return { client, count: () => sent };
}

interface HttpError {
  readonly status?: number;
  readonly message?: string;
  readonly response?: { readonly data?: unknown; readonly headers?: Record<string, string | undefined> };
}

/** Runs one API call, turning an HTTP failure into the documented access error. */
export async function gitHubCall<T>(apiUrl: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw gitHubError(apiUrl, what, e);
  }
}

export function gitHubError(apiUrl: string, what: string, e: unknown): Error {
  const err = e as HttpError;
  const data = err.response?.data as { message?: string } | undefined;
  const detail = data?.message ?? err.message ?? String(e);
  if (err.status === undefined)
    return hostAccessError('github', apiUrl, what, undefined, String(err.message ?? e), e);
  if ((err.status === 403 || err.status === 429) && /rate limit/i.test(detail))
    return new AppError(
      'GIT_ACCESS',
      `GitHub (${apiUrl}) rate limit still exhausted for ${what} after waiting (${detail}); no partial result was written`,
      { cause: e },
    );
  return hostAccessError('github', apiUrl, what, err.status, detail, e);
}

/** The HTTP status of a failed call, when it was one. */
export function statusOf(e: unknown): number | undefined {
  return (e as HttpError).status;
}
