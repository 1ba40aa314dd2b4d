// The demo is a fixed point (issue 15): two runs with one SOURCE_DATE_EPOCH write bundles `diff -r` finds
// identical, and a run a year later has the same Git history (same SHAs) and the same findings.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';

interface DemoEvidence {
  changes: { sha: string }[];
  findings: {
    rule: string;
    severity: string;
    resource: { kind: string; name: string; namespace?: string };
  }[];
}

async function demo(epoch: string): Promise<{ bundle: string; stderr: string; evidence: DemoEvidence }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'npe-demo-fixed-'));
  const r = await runBuiltCli(['demo', '--out', out], { env: { SOURCE_DATE_EPOCH: epoch } });
  if (r.code !== 0) throw new Error(`demo failed (${r.code}): ${r.stderr}`);
  const bundle = r.stdout.trim().split('\n').pop() as string;
  const evidence = JSON.parse(await readFile(path.join(bundle, 'evidence.json'), 'utf8')) as DemoEvidence;
  return { bundle, stderr: r.stderr, evidence };
}

const findingKeys = (e: DemoEvidence): string[] =>
  e.findings
    .map((f) => `${f.rule} ${f.severity} ${f.resource.kind} ${f.resource.namespace ?? ''}/${f.resource.name}`)
    .sort();

describe('npm run demo as a fixed point', () => {
  let first: Awaited<ReturnType<typeof demo>>;
  let second: Awaited<ReturnType<typeof demo>>;
  let later: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    first = await demo('1768471200');
    second = await demo('1768471200');
    later = await demo('1800007200'); // a year later (2027-01-15)
  }, 300_000);

  it('writes bundles that diff -r finds identical, byte for byte, PDF and signatures included', () => {
    const d = spawnSync('diff', ['-r', first.bundle, second.bundle], { encoding: 'utf8' });
    expect(d.stdout).toBe('');
    expect(d.status).toBe(0);
  });

  it('builds the same Git history (the same commit SHAs) whatever the date', () => {
    expect(first.evidence.changes.length).toBeGreaterThan(5);
    expect(later.evidence.changes.map((c) => c.sha)).toEqual(first.evidence.changes.map((c) => c.sha));
  });

  it('finds the same things a year later: inventory and exception dates follow the report clock', () => {
    expect(findingKeys(later.evidence)).toEqual(findingKeys(first.evidence));
  });

  it('ends with a verify hint that works after a local install (npx)', () => {
    expect(first.stderr).toMatch(/npx netpol-evidence verify \S+ --ca \S+demo-signer\.pem --chain/);
  });
});
