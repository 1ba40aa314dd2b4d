import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yargs from 'yargs';
import { diffCommand } from '../../../src/cli/commands/diff.js';
import type { CliContext } from '../../../src/cli/context.js';
import { diffEvidence, type EvidenceDiff } from '../../../src/diff/index.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { silentLogger } from '../../../src/model/log.js';
import type { PeriodReport } from '../../../src/period/index.js';
import { runPeriod } from '../../../src/run/period-run.js';
import { verifyBundle } from '../../../src/sign/index.js';
import { makeBundleSeries, type Series } from '../../helpers/bundle-series.js';

// The script of the series: what happens on which day (0-based from START).
const START = '2026-03-01';
const DAYS = 36;
const GAP = 7;
const DENY_REMOVED = [12, 13, 14];
const VENDOR_ADDED = 20;
const EGRESS_ADDED = 24;
const EXCEPTION_EXPIRES = 17;
const TYPO_FIXED = 26;
const TAMPERED_FILE = 28;
const TAMPERED_MANIFEST = 31;

const dayOf = (i: number): string =>
  new Date(Date.parse(`${START}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);

const EGRESS_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: payment-gateway-to-smsco, namespace: payments }
spec:
  podSelector: { matchLabels: { app: payment-gateway } }
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 233.252.0.0/24 } }]
      ports: [{ port: 443 }]
`;

const PREVIEWCO = `  - name: PreviewCo
    purpose: Preview environment hosting
    dataCategories: [test data]
    countries: [DE]
    transferMechanism: EEA
    dpaSigned: '2026-02-01'
    lastReviewed: '2026-02-01'
    status: active
    endpoints:
      cidrs: [192.0.2.0/24]
      hosts: []
    namespaces: [staging]
`;

let series: Series;
let report: PeriodReport;
let periodDir: string;

async function evidence(day: number): Promise<Evidence> {
  const name = series.bundles[day] as string;
  return JSON.parse(await readFile(path.join(series.clusterDir, name, 'evidence.json'), 'utf8')) as Evidence;
}

async function flipByte(file: string, needle: string, replacement: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(needle)) throw new Error(`${needle} not in ${file}`);
  await writeFile(file, text.replace(needle, replacement));
}

beforeAll(async () => {
  series = await makeBundleSeries({
    start: START,
    days: DAYS,
    signed: true,
    skip: [GAP],
    script: {
      0: (w) =>
        w.appendExceptions(`  - rule: default-deny-egress-missing
    resource: { kind: Namespace, name: api }
    justification: The orders API calls many partner endpoints; egress rules are being written.
    approver: Dana Ruiz (CISO)
    expires: '${dayOf(EXCEPTION_EXPIRES)}'
`),
      [DENY_REMOVED[0] as number]: (w) => w.removePolicy('web', 'default-deny'),
      [(DENY_REMOVED.at(-1) as number) + 1]: (w) => w.restorePolicy('web', 'default-deny'),
      [VENDOR_ADDED]: (w) => w.appendInventory(PREVIEWCO),
      [EGRESS_ADDED]: (w) => w.addPolicy('payments-sms', EGRESS_POLICY),
      [TYPO_FIXED]: (w) => w.editManifest('policies/postgres.yaml', 'app: order-api', 'app: orders-api'),
    },
  });
  const tamperedFile = path.join(series.clusterDir, series.bundles[TAMPERED_FILE] as string, 'evidence.json');
  await flipByte(tamperedFile, '"high"', '"info"');
  const tamperedManifest = path.join(
    series.clusterDir,
    series.bundles[TAMPERED_MANIFEST] as string,
    'manifest.json',
  );
  await flipByte(tamperedManifest, '"toolVersion": "', '"toolVersion": "9');
  const result = await runPeriod(
    {
      bundlesDir: series.out,
      since: new Date(`${START}T00:00:00Z`),
      until: new Date(`${dayOf(DAYS - 1)}T23:59:59Z`),
      ca: series.ca as string,
      outDir: series.out,
      formats: new Set(['json', 'html']),
      signing: { mode: 'pem', key: series.key?.keyPath as string, cert: series.key?.certPath as string },
    },
    { now: () => new Date(`${dayOf(DAYS)}T06:00:00Z`), log: silentLogger, env: {} },
    { pdf: { render: () => Promise.reject(new Error('no PDF here')) } },
  );
  const only = result.reports[0];
  if (!only) throw new Error('no period report');
  report = only.report;
  periodDir = only.bundleDir;
}, 120_000);

afterAll(async () => {
  await series?.cleanup();
});

/** A CLI context whose stdout lines are collected for the assertions. */
function collectingContext(): { lines: string[]; ctx: CliContext } {
  const lines: string[] = [];
  const ctx: CliContext = {
    now: () => new Date(0),
    log: silentLogger,
    env: {},
    out: (l) => lines.push(l),
    cwd: process.cwd(),
  };
  return { lines, ctx };
}

describe('period over a series of daily bundles', () => {
  describe('when a day has no bundle', () => {
    it('reports the day as missing and raises a finding for it', () => {
      expect(report.days.find((d) => d.day === dayOf(GAP))?.status).toBe('missing');
      const f = report.periodFindings.filter((x) => x.rule === 'evidence-day-missing');
      expect(f.map((x) => x.resource.name)).toEqual([dayOf(GAP)]);
    });
  });

  describe('when a bundle in the middle was tampered with', () => {
    it('names each tampered bundle, says what failed, and does not count it', () => {
      const names = report.rejected.map((r) => r.bundle);
      expect(names).toEqual([series.bundles[TAMPERED_FILE], series.bundles[TAMPERED_MANIFEST]]);
      expect(report.rejected[0]?.problems.join(' ')).toMatch(/file evidence\.json: sha256 differs/);
      expect(report.rejected[1]?.problems.join(' ')).toMatch(/manifest signature/);
      expect(report.days.find((d) => d.day === dayOf(TAMPERED_FILE))?.status).toBe('unverified');
      expect(report.summary.bundlesCounted).toBe(DAYS - 1 - 2);
      expect(report.summary.daysCovered).toBe(DAYS - 3);
      const rejectedFindings = report.periodFindings.filter((x) => x.rule === 'evidence-bundle-rejected');
      expect(rejectedFindings.map((x) => x.resource.name).sort()).toEqual(names);
    });

    it('reports the chain link after an edited manifest as broken', () => {
      const links = report.periodFindings.filter((x) => x.rule === 'evidence-chain-broken');
      expect(links.map((x) => x.resource.name)).toEqual([
        `${series.bundles[TAMPERED_MANIFEST]} -> ${series.bundles[TAMPERED_MANIFEST + 1]}`,
      ]);
    });

    it('keeps the chain whole across the missing day (the next run links to the last bundle made)', () => {
      const links = report.periodFindings.filter((x) => x.rule === 'evidence-chain-broken');
      expect(links.some((x) => x.resource.name.includes(series.bundles[GAP + 1] as string))).toBe(false);
    });
  });

  describe('when the default deny of a namespace is removed for three days', () => {
    it('shows the controls it supports as not satisfied on exactly those days', () => {
      const failedDays = DENY_REMOVED.map(dayOf);
      const exact = report.controls.filter(
        (c) => c.notSatisfied.map((d) => d.day).join() === failedDays.join(),
      );
      expect(exact.map((c) => `${c.framework} ${c.id}`)).toContain('iso27001 A.8.27');
      for (const c of exact) {
        expect(c.daysEvaluated).toBe(report.summary.daysCovered);
        expect(c.daysSatisfied).toBe(c.daysEvaluated - 3);
        expect(c.share).toBeCloseTo((c.daysEvaluated - 3) / c.daysEvaluated);
      }
    });

    it('tracks the finding from first seen to closed', () => {
      const f = report.findings.find(
        (x) => x.rule === 'default-deny-ingress-missing' && x.resource.endsWith('/web'),
      );
      expect(f?.firstSeen.slice(0, 10)).toBe(dayOf(12));
      expect(f?.lastSeen.slice(0, 10)).toBe(dayOf(14));
      expect(f?.closedAt?.slice(0, 10)).toBe(dayOf(15));
      expect(f?.timeToCloseDays).toBe(3);
      expect(f?.openAtEnd).toBe(false);
    });

    it('puts the removal and the restoration of the policy on the timeline', () => {
      const changes = report.timeline.flatMap((e) =>
        e.policies.map((p) => `${e.at.slice(0, 10)} ${p.change} ${p.policy}`),
      );
      expect(changes).toEqual(
        expect.arrayContaining([
          `${dayOf(12)} removed NetworkPolicy web/default-deny`,
          `${dayOf(15)} added NetworkPolicy web/default-deny`,
        ]),
      );
    });
  });

  describe('when a vendor is added to the inventory mid-period', () => {
    it('shows the vendor on the timeline and closes the undeclared-egress finding that day', () => {
      const entry = report.timeline.find((e) => e.vendors.some((v) => v.vendor === 'PreviewCo'));
      expect(entry?.at.slice(0, 10)).toBe(dayOf(VENDOR_ADDED));
      expect(entry?.vendors.find((v) => v.vendor === 'PreviewCo')?.change).toBe('added');
      const undeclared = report.findings.find(
        (x) => x.rule === 'undeclared-external-egress' && x.resource.includes('192.0.2.0/24'),
      );
      expect(undeclared?.closedAt?.slice(0, 10)).toBe(dayOf(VENDOR_ADDED));
    });

    it('shows new egress to the outside world on the day the policy appeared', () => {
      const entry = report.timeline.find((e) => e.egress.length > 0);
      expect(entry?.at.slice(0, 10)).toBe(dayOf(EGRESS_ADDED));
      expect(entry?.egress.map((p) => `${p.change} ${p.src} => ${p.dst}`)).toEqual([
        'opened payments/payment-gateway[Deployment] => 233.252.0.0/24[External]',
      ]);
      expect(entry?.policies.map((p) => p.policy)).toEqual([
        'NetworkPolicy payments/payment-gateway-to-smsco',
      ]);
    });
  });

  describe('when an exception held for part of the period', () => {
    it('lists it as accepted until its expiry and as expired after', () => {
      const api = report.exceptions.filter((e) => e.rule === 'default-deny-egress-missing');
      expect(api.map((e) => e.status)).toEqual(['accepted', 'expired']);
      expect(api[0]?.lastSeen.slice(0, 10)).toBe(dayOf(EXCEPTION_EXPIRES));
      expect(api[1]?.firstSeen.slice(0, 10)).toBe(dayOf(EXCEPTION_EXPIRES + 1));
    });
  });

  describe('when the period report is written', () => {
    it('is a signed bundle that verifies, with period.json and period.html', async () => {
      const v = await verifyBundle(periodDir, { ca: series.ca as string, chain: false });
      expect(v.checks.filter((c) => !c.ok)).toEqual([]);
      expect(v.checks.map((c) => c.name)).toEqual(
        expect.arrayContaining(['file period.json', 'file period.html', 'manifest signature']),
      );
      const html = await readFile(path.join(periodDir, 'period.html'), 'utf8');
      expect(html).toContain(series.bundles[TAMPERED_FILE]);
      expect(html).toContain(dayOf(GAP));
      const json = JSON.parse(await readFile(path.join(periodDir, 'period.json'), 'utf8')) as PeriodReport;
      expect(json.reportId).toBe(report.reportId);
    });
  });
});

describe('diff between two bundles of the series', () => {
  let removal: EvidenceDiff;
  beforeAll(async () => {
    removal = diffEvidence(
      await evidence((DENY_REMOVED[0] as number) - 1),
      await evidence(DENY_REMOVED[0] as number),
    );
  });

  describe('when a default-deny policy was deleted', () => {
    it('names the policy, the weakened namespace, the opened finding and the control that changed', () => {
      expect(removal.policies).toEqual([
        { policy: 'NetworkPolicy web/default-deny', change: 'removed', fields: [] },
      ]);
      expect(removal.coverage.map((c) => [c.namespace, c.weakened])).toEqual([['web', true]]);
      expect(
        removal.findings
          .filter((f) => f.change === 'opened')
          .map((f) => `${f.rule} ${f.resource}`)
          .sort(),
      ).toEqual([
        'default-deny-egress-missing Namespace//web',
        'default-deny-ingress-missing Namespace//web',
      ]);
      expect(removal.controls).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            framework: 'iso27001',
            id: 'A.8.27',
            // Only supporting checks map to A.8.27, so a clean day is "supported", never "satisfied".
            before: 'supported',
            // The engine rates a missing default deny low while other policies still select every workload.
            after: 'partial',
          }),
        ]),
      );
    });

    it('lists no path change, because other policies still select every web workload', () => {
      expect(removal.paths).toEqual([]);
    });
  });

  describe('when a label typo in a policy peer is fixed', () => {
    it('names the changed field and the cross-namespace path it opened', async () => {
      const d = diffEvidence(await evidence(TYPO_FIXED - 1), await evidence(TYPO_FIXED));
      expect(d.policies).toEqual([
        {
          policy: 'NetworkPolicy postgres/postgres-clients',
          change: 'changed',
          fields: [
            {
              path: 'spec.ingress[0].from[1].podSelector.matchLabels.app',
              before: '"order-api"',
              after: '"orders-api"',
            },
          ],
        },
      ]);
      expect(d.paths.map((p) => `${p.change} ${p.src} => ${p.dst} (${p.scope})`)).toEqual([
        expect.stringMatching(
          /^opened api\/orders-api\[Deployment\] => postgres\/postgres\[\w+\] \(cross-namespace\)$/,
        ),
      ]);
      expect(d.counts.crossNamespacePathsOpened).toBe(1);
    });
  });

  describe('when run from the command line with -o json', () => {
    it('prints the same diff as the library computes', async () => {
      const { lines, ctx } = collectingContext();
      const before = path.join(series.clusterDir, series.bundles[VENDOR_ADDED - 1] as string);
      const after = path.join(series.clusterDir, series.bundles[VENDOR_ADDED] as string);
      await yargs([])
        .command(diffCommand(ctx))
        .strict()
        .parseAsync(['diff', before, after, '-o', 'json', '--ca', series.ca as string]);
      const printed = JSON.parse(lines.join('\n')) as EvidenceDiff;
      expect(printed).toEqual(
        JSON.parse(
          JSON.stringify(diffEvidence(await evidence(VENDOR_ADDED - 1), await evidence(VENDOR_ADDED))),
        ),
      );
      expect(printed.vendors.map((v) => `${v.change} ${v.vendor}`)).toContain('added PreviewCo');
      expect(printed.findings.map((f) => `${f.change} ${f.rule}`)).toContain(
        'closed undeclared-external-egress',
      );
    });

    it('writes text to stdout and HTML to --file', async () => {
      const { lines, ctx } = collectingContext();
      const before = path.join(series.clusterDir, series.bundles[TYPO_FIXED - 1] as string);
      const after = path.join(series.clusterDir, series.bundles[TYPO_FIXED] as string);
      await yargs([]).command(diffCommand(ctx)).strict().parseAsync(['diff', before, after]);
      expect(lines.join('\n')).toContain(
        'changed NetworkPolicy postgres/postgres-clients\n            spec.ingress[0].from[1].podSelector.matchLabels.app: "order-api" -> "orders-api"',
      );
      const file = path.join(series.root, 'diff.html');
      await yargs([])
        .command(diffCommand(ctx))
        .strict()
        .parseAsync(['diff', before, after, '-o', 'html', '--file', file]);
      const html = await readFile(file, 'utf8');
      expect(html).toContain('<h2>Reachability paths</h2>');
      expect(html).toContain('postgres/postgres-clients');
    });

    it('refuses a tampered bundle when --ca is given (exit 5)', async () => {
      const ctx: CliContext = {
        now: () => new Date(0),
        log: silentLogger,
        env: {},
        out: () => {},
        cwd: process.cwd(),
      };
      const before = path.join(series.clusterDir, series.bundles[TAMPERED_FILE - 1] as string);
      const after = path.join(series.clusterDir, series.bundles[TAMPERED_FILE] as string);
      await expect(
        yargs([])
          .command(diffCommand(ctx))
          .fail(false)
          .parseAsync(['diff', before, after, '--ca', series.ca as string]),
      ).rejects.toMatchObject({ code: 'VERIFY_FAILED' });
    });
  });
});
