// GETs against the Kubernetes API with client-node's auth and TLS, retries for 429/5xx and a per-request timeout.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../model/errors.js';
import type { Logger } from '../../model/log.js';
import { networkError, TimeoutError } from './errors.js';

export interface ApiResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  readonly body: unknown;
}

export interface ApiClientOptions {
  readonly kc: KubeConfig;
  /** The server as shown in messages (no userinfo). */
  readonly server: string;
  /** The server as connected to, when it differs (userinfo in the kubeconfig's URL). */
  readonly url?: string;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: Logger;
}

const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is cut short: a daily job should fail rather than hang. */
const MAX_RETRY_AFTER_MS = 120_000;
/** Failures that a second attempt may not meet (a dropped connection, a slow server). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'TIMEOUT']);

/** Retry-After as seconds or an HTTP-date (RFC 9110 section 10.2.3), in milliseconds. */
export function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d+$/.test(v.trim())) return Math.min(Number(v.trim()) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - Date.now(), 0), MAX_RETRY_AFTER_MS);
}

function retriable(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** The one way the collector reads the API: client-node applies credentials, CA and proxy to each request. */
export class ApiClient {
  constructor(private readonly o: ApiClientOptions) {}

  get server(): string {
    return this.o.server;
  }

  /** GET `pathAndQuery`, retried on 429, 5xx and dropped connections; other statuses are returned. */
  async get(pathAndQuery: string): Promise<ApiResponse> {
    for (let attempt = 0; ; attempt++) {
      let res: ApiResponse | undefined;
      let failure: unknown;
      try {
        res = await this.once(pathAndQuery);
      } catch (e) {
        if (e instanceof AppError) throw e;
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (!(e instanceof TimeoutError) && !TRANSIENT_CODES.has(code)) throw networkError(this.o.server, e);
        failure = e;
      }
      if (res && !retriable(res.status)) return res;
      if (attempt >= this.o.maxRetries) {
        if (res) return res;
        throw networkError(this.o.server, failure, pathAndQuery);
      }
      const wait = (res && retryAfterMs(res.headers['retry-after'])) ?? backoff(attempt);
      this.o.log.warn('cluster request retried', {
        path: pathAndQuery,
        status: res?.status,
        error: res ? undefined : String((failure as Error).message),
        attempt: attempt + 1,
        waitMs: wait,
      });
      await this.o.sleep(wait);
    }
  }

  /** POST a JSON body once (no retries: used only for SelfSubjectReview, which changes nothing). */
  async post(path: string, body: unknown): Promise<ApiResponse> {
    try {
      return await this.once(path, JSON.stringify(body));
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw networkError(this.o.server, e, path);
    }
  }

  private async once(pathAndQuery: string, body?: string): Promise<ApiResponse> {
    const opts: https.RequestOptions = {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
    };
    try {
      await this.o.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      throw new AppError(
        'CLUSTER_ACCESS',
        `authentication failed for ${this.o.server}: could not obtain credentials: ${(e as Error).message}`,
        { cause: e },
      );
    }
    const url = new URL((this.o.url ?? this.o.server) + pathAndQuery);
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise<ApiResponse>((resolve, reject) => {
      const req = lib.request(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parseJson(chunks) });
        });
      });
      const timer = setTimeout(
        () => req.destroy(new TimeoutError(this.o.requestTimeoutMs)),
        this.o.requestTimeoutMs,
      );
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(body);
    });
  }
}

function backoff(attempt: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS);
}

function parseJson(chunks: Buffer[]): unknown {
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
