// A loopback HTTPS Kubernetes API server for tests and benchmarks: real TLS, bearer tokens, discovery and paged lists.
import { mkdir, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';
import { makeServerCerts } from './certs.js';
import { defaultMessage, statusBody } from './status.js';
import { discovery, index, type Served } from './catalog.js';
import { groupVersionOf } from './types.js';
import { EphemeralPods, type EphemeralOptions } from './ephemeral.js';

export type RawObject = Record<string, unknown>;

/** A programmed failure: the next `times` matching requests get `status` (or just a delay). */
export interface Fault {
  /** Request path without the query, e.g. "/api/v1/pods" or "/version". */
  readonly path: string;
  /** Omit to only delay (`hangMs`) and then answer normally. */
  readonly status?: number;
  /** Only requests carrying a continue token match (an expired token gives 410). */
  readonly onContinue?: boolean;
  /** How many matching requests fail; every one when absent. */
  times?: number;
  /** Retry-After header value (seconds or an HTTP-date). */
  readonly retryAfter?: string;
  readonly message?: string;
  /** Wait this long before answering (request timeouts). */
  readonly hangMs?: number;
}

export interface ApiServerOptions {
  readonly objects: readonly RawObject[];
  /** The bearer token every request must carry; default "test-token". */
  readonly token?: string;
  readonly faults?: Fault[];
  /** Optional API groups to serve (e.g. "cilium.io"); default: the optional groups of `objects`. */
  readonly groups?: readonly string[];
  readonly gitVersion?: string;
  /** Who the bearer token belongs to, as SelfSubjectReview reports it. */
  readonly user?: { readonly username: string; readonly uid?: string; readonly groups: readonly string[] };
  /** How ephemeral containers (probes) behave: which destinations they reach, image pull failures, timing. */
  readonly ephemeral?: EphemeralOptions;
}

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
}

export interface KubeconfigOptions {
  readonly token?: string;
  /** CA to trust instead of the server's (a wrong CA). */
  readonly caPem?: string;
  readonly server?: string;
  readonly context?: string;
  readonly file?: string;
}

export interface ApiServer {
  readonly url: string;
  readonly caPem: string;
  readonly token: string;
  /** Every request, in order, with the status it got. */
  readonly requests: RequestRecord[];
  /** Faults in force; tests may push more while the server runs. */
  readonly faults: Fault[];
  /** Pods by name, the pods/ephemeralcontainers PATCH and pods/log (probe tests). */
  readonly ephemeral: EphemeralPods;
  /** Writes a kubeconfig (CA data, bearer token, one context) into `dir` and returns its path. */
  kubeconfigPath(dir: string, o?: KubeconfigOptions): Promise<string>;
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** A text/plain body (pods/log) instead of JSON. */
  readonly text?: string;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const token = options.token ?? 'test-token';
  const certs = makeServerCerts();
  const served = index(options.objects, options.groups);
  const types = [...served.values()].map((s) => s.type);
  const faults: Fault[] = options.faults ?? [];
  const requests: RequestRecord[] = [];
  const resourceVersion = String(1000 + options.objects.length);
  const ephemeral = new EphemeralPods(served.get('/api/v1/pods')?.items ?? [], options.ephemeral ?? {});

  const list = (s: Served, q: URLSearchParams): Answer => {
    const limit = Number(q.get('limit') ?? '0');
    const cont = q.get('continue');
    const start = cont
      ? (JSON.parse(Buffer.from(cont, 'base64url').toString()) as { start: number }).start
      : 0;
    const end = limit > 0 ? Math.min(start + limit, s.items.length) : s.items.length;
    const more = end < s.items.length;
    const token = Buffer.from(JSON.stringify({ rv: resourceVersion, start: end })).toString('base64url');
    return {
      status: 200,
      body: {
        kind: `${s.type.kind}List`,
        apiVersion: groupVersionOf(s.type),
        metadata: {
          resourceVersion,
          ...(more ? { continue: token, remainingItemCount: s.items.length - end } : {}),
        },
        items: s.items.slice(start, end),
      },
    };
  };

  const fault = (p: string, q: URLSearchParams): Fault | undefined => {
    const f = faults.find((x) => x.path === p && (x.times ?? 1) > 0 && (!x.onContinue || q.has('continue')));
    if (f && f.times !== undefined) f.times--;
    return f;
  };

  const answer = async (
    p: string,
    q: URLSearchParams,
    auth: string | undefined,
    method = 'GET',
    body = '',
    contentType = '',
  ): Promise<Answer> => {
    if (auth !== `Bearer ${token}`) return { status: 401, body: statusBody(401, 'Unauthorized') };
    const s = served.get(p);
    const f = fault(p, q);
    if (f?.hangMs) await new Promise((done) => setTimeout(done, f.hangMs).unref());
    if (f?.status) {
      const msg = f.message ?? defaultMessage(f.status, s?.type.resource ?? p, s?.type.group ?? '');
      const details = s
        ? { kind: s.type.resource, ...(s.type.group ? { group: s.type.group } : {}) }
        : undefined;
      return {
        status: f.status,
        body: statusBody(
          f.status,
          msg,
          f.retryAfter ? { ...details, retryAfterSeconds: Number(f.retryAfter) } : details,
        ),
        ...(f.retryAfter ? { headers: { 'Retry-After': f.retryAfter } } : {}),
      };
    }
    // authentication.k8s.io/v1 SelfSubjectReview: POST only, answered 201 Created with the caller's userInfo.
    if (p === '/apis/authentication.k8s.io/v1/selfsubjectreviews') {
      if (method !== 'POST')
        return { status: 405, body: statusBody(405, 'the server does not allow this method') };
      const user = options.user ?? {
        username: 'system:serviceaccount:netpol-evidence:netpol-evidence',
        uid: '5b0c1c2e-0000-4000-8000-000000000001',
        groups: ['system:authenticated', 'system:serviceaccounts', 'system:serviceaccounts:netpol-evidence'],
      };
      return {
        status: 201,
        body: {
          kind: 'SelfSubjectReview',
          apiVersion: 'authentication.k8s.io/v1',
          metadata: { creationTimestamp: null },
          status: { userInfo: { ...user, groups: [...user.groups] } },
        },
      };
    }
    if (p === '/version')
      return {
        status: 200,
        body: {
          major: '1',
          minor: '31',
          gitVersion: options.gitVersion ?? 'v1.31.2',
          platform: 'linux/amd64',
        },
      };
    if (s) return list(s, q);
    const pod = ephemeral.answer(method, p, q, body, contentType);
    if (pod) return pod;
    const doc = discovery(types, p);
    if (doc) return { status: 200, body: doc };
    return { status: 404, body: statusBody(404, defaultMessage(404, '', '')) };
  };

  const server = https.createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const body = new Promise<string>((done) => req.on('end', () => done(Buffer.concat(chunks).toString())));
    body
      .then((text) =>
        answer(
          url.pathname,
          url.searchParams,
          req.headers.authorization,
          req.method,
          text,
          req.headers['content-type'] ?? '',
        ),
      )
      .then(
        (a) => {
          requests.push({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            status: a.status,
          });
          const text = a.text ?? JSON.stringify(a.body);
          const type = a.text === undefined ? 'application/json' : 'text/plain';
          res.writeHead(a.status, { 'Content-Type': type, ...a.headers });
          res.end(text);
        },
        (e: unknown) => {
          res.writeHead(500);
          res.end(String(e));
        },
      );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    caPem: certs.caPem,
    token,
    requests,
    faults,
    ephemeral,
    async kubeconfigPath(dir, o = {}) {
      const context = o.context ?? 'test';
      const file = path.join(dir, o.file ?? 'kubeconfig.yaml');
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'test-cluster',
            cluster: {
              server: o.server ?? url,
              'certificate-authority-data': Buffer.from(o.caPem ?? certs.caPem).toString('base64'),
            },
          },
        ],
        users: [{ name: 'collector', user: { token: o.token ?? token } }],
        contexts: [{ name: context, context: { cluster: 'test-cluster', user: 'collector' } }],
        'current-context': context,
      };
      await mkdir(dir, { recursive: true });
      await writeFile(file, stringify(config), { mode: 0o600 });
      return file;
    },
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : done()));
      }),
  };
}
