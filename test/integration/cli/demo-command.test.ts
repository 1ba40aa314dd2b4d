import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { findBrowser } from '../../../src/render/pdf/find-browser.js';
import { CHROMIUM_ARGS } from '../../../src/render/pdf/render-pdf.js';
import { runBuiltCli } from '../../helpers/cli.js';

let bundle = '';
let signerCert = '';

beforeAll(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-demo-'));
  const r = await runBuiltCli(['demo', '--out', out], { env: { SOURCE_DATE_EPOCH: '1768471200' } });
  if (r.code !== 0) throw new Error(`demo failed (${r.code}): ${r.stderr}`);
  bundle = r.stdout.trim().split('\n').pop() as string;
  signerCert = path.join(path.dirname(bundle), 'demo-signer.pem');
}, 180_000);

describe('npm run demo (netpol-evidence demo)', () => {
  it('writes every output of a bundle', async () => {
    expect((await readdir(bundle)).sort()).toEqual([
      'changes.csv',
      'connectivity.csv',
      'evidence.json',
      'findings.csv',
      'manifest.json',
      'manifest.json.p7s',
      'oscal-assessment-plan.json',
      'oscal-assessment-results.json',
      'oscal-catalog-gdpr.json',
      'oscal-catalog-iso27001.json',
      'oscal-catalog-soc2.json',
      'oscal-profile.json',
      'oscal-ssp.json',
      'report.html',
      'report.pdf',
    ]);
  });

  it('signs the PDF so that pdfsig reports it valid and names the demo key', () => {
    const out = execFileSync('pdfsig', [path.join(bundle, 'report.pdf')]).toString();
    expect(out).toMatch(/Signature is Valid/);
    expect(out).toMatch(/netpol-evidence DEMO KEY/);
  });

  it('signs manifest.json so that openssl cms -verify accepts it', () => {
    const r = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        'manifest.json.p7s',
        '-content',
        'manifest.json',
        '-CAfile',
        signerCert,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { cwd: bundle, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(r).toBeDefined();
  });

  it('passes its own verify command with the demo certificate as trust anchor', async () => {
    const r = await runBuiltCli(['verify', bundle, '--ca', signerCert, '--chain']);
    expect(r.stdout).toMatch(/^ok {3}manifest signature/m);
    expect(r.code).toBe(0);
  });

  it('lists every OSCAL document in the signed manifest with the SHA-256 sha256sum computes', async () => {
    const manifest = JSON.parse(await readFile(path.join(bundle, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string }[];
    };
    const oscal = (await readdir(bundle)).filter((f) => f.startsWith('oscal-'));
    expect(oscal).toHaveLength(7);
    const sums = execFileSync('sha256sum', oscal, { cwd: bundle }).toString().trim().split('\n');
    for (const line of sums) {
      const [sum, file] = line.split(/\s+/);
      expect(manifest.files.find((f) => f.path === file)?.sha256).toBe(sum);
    }
  });

  it('fails verify (exit 5) when the OSCAL assessment plan is changed after signing', async () => {
    const copy = path.join(await mkdtemp(path.join(os.tmpdir(), 'npe-demo-oscal-')), path.basename(bundle));
    await cp(bundle, copy, { recursive: true });
    const plan = path.join(copy, 'oscal-assessment-plan.json');
    await writeFile(plan, (await readFile(plan, 'utf8')).replace('"allow-all-rule"', '"allow-all-rules"'));
    const r = await runBuiltCli(['verify', copy, '--ca', signerCert]);
    expect(r.stdout).toMatch(/FAIL.*file oscal-assessment-plan\.json.*sha256 differs/);
    expect(r.code).toBe(5);
  });

  it('says on the cover that it is signed with a demo key, and shows every section with real content', () => {
    const text = execFileSync('pdftotext', ['-layout', path.join(bundle, 'report.pdf'), '-']).toString();
    expect(text).toMatch(/DEMO key/);
    for (const title of [
      'Scope and method',
      'Executive summary',
      'Control matrix',
      'Findings',
      'Namespace coverage',
      'Connectivity',
      'Sub-processor register',
      'Git change log',
      'Drift between Git and the cluster',
      'Exceptions',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toMatch(/page 1 of \d+/);
    expect(text).toMatch(/PayCo/);
    expect(text).toMatch(/postgres-clients/);
    expect(text).toMatch(/expired/);
  });

  it('says enforcement was seen only where its flows went, not that it cannot tell', async () => {
    const html = (await readFile(path.join(bundle, 'report.html'), 'utf8')).replace(/<[^>]+>/g, '');
    expect(html).toMatch(/CNI enforcement: \d+ observed flows \(.+\) were compared with the policies/);
    expect(html).not.toContain('this report cannot tell');
  });

  it('labels a review read only from a commit message "approval not verified", in the report and changes.csv', async () => {
    const html = (await readFile(path.join(bundle, 'report.html'), 'utf8'))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(html).toMatch(/unverified approval not verified: merged via pull request #\d+/);
    expect(html).toContain('commit messages only: approval not verified');
    const pdf = execFileSync('pdftotext', [path.join(bundle, 'report.pdf'), '-']).toString();
    expect(pdf).toContain('approval not verified');
    const rows = (await readFile(path.join(bundle, 'changes.csv'), 'utf8')).trim().split('\r\n');
    expect(rows[0]).toBe(
      'commit,date,author,committer,request,request_url,request_author,approvers,approved_at,approved_commit_merged,merged_at,merged_by,deployed_at,deployed_by,signature,review_source,files,impact,impact_reason,policies_added,policies_removed,policies_changed,paths_opened,paths_closed,paths_changed,paths_external,paths_cross_namespace,paths_complete,findings_opened,findings_closed,top_paths,top_findings',
    );
    expect(rows.slice(1).map((r) => r.split(',')[15])).toContain('message');
  });

  it("shows each policy change's assessed effect, and what it was assessed against, in the report and changes.csv", async () => {
    const pdf = execFileSync('pdftotext', [path.join(bundle, 'report.pdf'), '-'])
      .toString()
      .replace(/\s+/g, ' ');
    expect(pdf).toContain('Assessed effect of each change');
    expect(pdf).toContain('not against the workloads that ran when the change was made');
    // The payments change narrowed the gateway's open egress to PayCo on TCP 443 (evidence.json keeps the rows).
    const evidence = JSON.parse(await readFile(path.join(bundle, 'evidence.json'), 'utf8')) as {
      changes: { subject: string; impact?: { paths?: { top: unknown[] } } }[];
    };
    const payments = evidence.changes.find((c) => c.subject.startsWith('Payments:'));
    expect(payments?.impact?.paths?.top).toContainEqual({
      src: 'payments/payment-gateway[Deployment]',
      dst: '203.0.113.0/24[External]',
      change: 'changed',
      before: 'All Connections',
      after: 'TCP 443',
      scope: 'external',
    });
    const rows = (await readFile(path.join(bundle, 'changes.csv'), 'utf8')).trim().split('\r\n');
    const header = rows[0]!.split(',');
    const policyRows = rows.slice(1).map((r) => r.split(','));
    expect(policyRows.map((r) => r[header.indexOf('impact')])).toEqual(policyRows.map(() => 'assessed'));
    expect(policyRows.some((r) => Number(r[header.indexOf('paths_closed')]) > 0)).toBe(true);
  });

  it('lists the findings of evidence.json by id in the PDF', async () => {
    const evidence = JSON.parse(await readFile(path.join(bundle, 'evidence.json'), 'utf8')) as {
      findings: { id: string; rule: string }[];
    };
    const text = execFileSync('pdftotext', [path.join(bundle, 'report.pdf'), '-']).toString();
    const rules = new Set(evidence.findings.map((f) => f.rule));
    for (const rule of [
      'default-deny-egress-missing',
      'allow-all-rule',
      'undeclared-external-egress',
      'change-without-review',
      'drift-modified',
      'expired-exception',
    ]) {
      expect(rules).toContain(rule);
    }
    for (const f of evidence.findings.slice(0, 20)) expect(text).toContain(f.id);
  });

  it('signs a second demo run with the same kept key, chained to the first, both verifying', async () => {
    const r = await runBuiltCli(['demo', '--out', path.dirname(path.dirname(bundle))], {
      env: { SOURCE_DATE_EPOCH: '1768474800' },
    });
    const second = r.stdout.trim().split('\n').pop() as string;
    expect(r.code).toBe(0);
    const v2 = await runBuiltCli(['verify', second, '--ca', signerCert, '--chain']);
    expect(v2.stdout).toMatch(new RegExp(`^ok {3}chain ${path.basename(second)} -> `, 'm'));
    expect(v2.code).toBe(0);
    expect((await runBuiltCli(['verify', bundle, '--ca', signerCert])).code).toBe(0);
  }, 180_000);

  it('renders the HTML in headless Chromium without a single outside request', async () => {
    const browser = await puppeteer.launch({
      executablePath: findBrowser(process.env),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      const outside: string[] = [];
      page.on('request', (req) => {
        if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) outside.push(req.url());
      });
      await page.goto(`file://${path.join(bundle, 'report.html')}`, { waitUntil: 'load' });
      const shot = path.join(os.tmpdir(), `npe-demo-${process.pid}.png`);
      await writeFile(shot, await page.screenshot({ fullPage: false }));
      expect((await stat(shot)).size).toBeGreaterThan(10_000);
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Network policy compliance evidence');
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
