// A loopback HTTP server for the Git host APIs: routes, JSON answers, Link-header pagination, a request log.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface Req {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

export interface LoopbackServer {
  readonly url: string;
  /** Every request, in order ("GET /repos/o/r/pulls?state=closed"). */
  readonly log: string[];
  close(): Promise<void>;
}

/** Serves `handle`; a thrown error is a 500 so a bug in a test server shows up as a failed request. */
export async function serve(handle: (req: Req) => Answer): Promise<LoopbackServer> {
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    log.push(`${req.method ?? 'GET'} ${u.pathname}${u.search}`);
    let a: Answer;
    try {
      a = handle({
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
      });
    } catch (e) {
      a = { status: 500, body: { message: String(e) } };
    }
    const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? null);
    res.writeHead(a.status ?? 200, {
      'content-type': typeof a.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
      ...a.headers,
    });
    res.end(text);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** One page of `items` with GitHub/GitLab-style `Link` (first, prev, next, last) for the same query. */
export function page<T>(
  req: Req,
  base: string,
  items: readonly T[],
  defaultPer: number,
  gitlabHeaders: boolean,
): { items: T[]; headers: Record<string, string> } {
  const per = Math.min(100, Number(req.query.get('per_page') ?? defaultPer) || defaultPer);
  const num = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / per));
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    q.set('per_page', String(per));
    return `<${base}${req.path}?${q.toString()}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (num < last) rels.push(link(num + 1, 'next'), link(last, 'last'));
  if (num > 1) rels.push(link(1, 'first'), link(num - 1, 'prev'));
  return {
    items: items.slice((num - 1) * per, num * per),
    headers: {
      ...(rels.length ? { link: rels.join(', ') } : {}),
      ...(gitlabHeaders ? gitlabPaging(num, per, items.length, last) : {}),
    },
  };
}

/** GitLab's offset-pagination headers beside Link. */
function gitlabPaging(num: number, per: number, total: number, last: number): Record<string, string> {
  return {
    'x-page': String(num),
    'x-per-page': String(per),
    'x-total': String(total),
    'x-total-pages': String(last),
    'x-next-page': num < last ? String(num + 1) : '',
    'x-prev-page': num > 1 ? String(num - 1) : '',
  };
}
