// Benchmark of a whole `report` run (the built CLI, as a CronJob runs it) on the 10,000-pod synthetic cluster:
// medians of 3 runs of wall time and peak RSS, each a child process, against a same-run baseline that only
// reads the snapshot and writes it back (`snapshot --snapshot ... --output ...`).
// Usage: node dist/bench/report.js [--pdf]   (the PDF adds Chromium, whose memory is not in Node's RSS).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCluster, SIZES } from './generate-cluster.js';

const RUNS = 3;
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const TIME = '/usr/bin/time';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Wall time in ms and peak RSS in MB (GNU time's %M) of one CLI run. */
function measure(args: string[]): { ms: number; rssMB: number | undefined } {
  const gnuTime = existsSync(TIME);
  const cmd = gnuTime ? TIME : process.execPath;
  const argv = gnuTime ? ['-f', '%M', process.execPath, cli, ...args] : [cli, ...args];
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    encoding: 'utf8',
    env: { ...process.env, NETPOL_EVIDENCE_LOG_FORMAT: 'json' },
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  return { ms, rssMB: gnuTime ? Math.round(Number(last) / 1024) : undefined };
}

const withPdf = process.argv.includes('--pdf');
const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-bench-report-'));
try {
  const snapshotFile = path.join(dir, 'snapshot.json');
  writeFileSync(
    snapshotFile,
    JSON.stringify(generateCluster(SIZES.small, () => new Date('2026-01-15T10:00:00Z'))),
  );
  const formats = withPdf ? 'html,pdf,json,csv,oscal' : 'html,json,csv,oscal';
  const base: { ms: number; rssMB: number | undefined }[] = [];
  const run: { ms: number; rssMB: number | undefined }[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(
      measure(['snapshot', '--snapshot', snapshotFile, '--output', path.join(dir, `copy-${i}.json`)]),
    );
    run.push(
      measure([
        'report',
        '--snapshot',
        snapshotFile,
        '--unsigned',
        '--formats',
        formats,
        '--out',
        path.join(dir, 'out'),
      ]),
    );
  }
  const m = (xs: { ms: number }[]): number => median(xs.map((x) => x.ms));
  const rss = (xs: { rssMB: number | undefined }[]): number | undefined =>
    xs[0]?.rssMB === undefined ? undefined : median(xs.map((x) => x.rssMB ?? 0));
  const out = {
    cluster: SIZES.small,
    formats,
    reportMedianMs: Math.round(m(run)),
    baselineMedianMs: Math.round(m(base)),
    ratio: Number((m(run) / m(base)).toFixed(2)),
    reportPeakRssMB: rss(run),
    baselinePeakRssMB: rss(base),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
