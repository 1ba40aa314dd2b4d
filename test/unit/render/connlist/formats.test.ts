import { analyzeReachability } from '../../../../src/analyze/reachability/index.js';
import { formatConnlist } from '../../../../src/render/connlist/index.js';
import { base, netpol, snapshotOf } from '../../analyze/helpers.js';

const connectivity = analyzeReachability(
  snapshotOf([
    ...base,
    netpol('a', 'in', {
      podSelector: { matchLabels: { app: 'server' } },
      ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }] }],
    }),
  ]),
);
const triples = connectivity.connections.map((x) => [x.src, x.dst, x.text]);

/** Splits one RFC 4180 line (no embedded newlines in our data). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
    .filter((m, i, all) => i < all.length - 1 || m[0] !== '')
    .map((m) => (m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!));
}

describe('connlist formatters', () => {
  it('has a connection whose text holds a comma, so quoting is exercised', () => {
    expect(triples).toContainEqual(['a/client[Pod]', 'a/server[Pod]', 'TCP 80,UDP 53']);
  });

  describe('when the format is json', () => {
    it('gives the same triples as the list, in order', () => {
      const parsed = JSON.parse(formatConnlist(connectivity, 'json')) as {
        src: string;
        dst: string;
        conn: string;
      }[];
      expect(parsed.map((x) => [x.src, x.dst, x.conn])).toEqual(triples);
    });
  });

  describe('when the format is csv', () => {
    it('writes a header and one quoted-as-needed row per connection', () => {
      const lines = formatConnlist(connectivity, 'csv').split('\r\n').filter(Boolean);
      expect(lines[0]).toBe('src,dst,conn');
      expect(lines.slice(1).map(csvFields)).toEqual(triples);
    });
  });

  describe('when the format is md', () => {
    it('writes a table row per connection', () => {
      const rows = formatConnlist(connectivity, 'md').trim().split('\n').slice(2);
      expect(rows.map((r) => r.split(' | ').map((s) => s.replace(/^\| |\s\|$/g, '')))).toEqual(triples);
    });
  });

  describe('when the format is dot', () => {
    it('writes a digraph with one edge per connection and a cluster per namespace', () => {
      const dot = formatConnlist(connectivity, 'dot');
      expect(dot.startsWith('digraph {')).toBe(true);
      expect(dot.match(/ -> /g)).toHaveLength(triples.length);
      expect(dot.match(/subgraph cluster_/g)).toHaveLength(2);
    });
  });

  describe('when the format is txt', () => {
    it('writes netpol-analyzer lines', () => {
      expect(formatConnlist(connectivity, 'txt').split('\n').filter(Boolean)).toEqual(
        triples.map(([s, d, c]) => `${s} => ${d} : ${c}`),
      );
    });
  });
});
