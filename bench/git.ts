// Benchmark of the Git source on a 20,000-commit history: median of 3 runs, ratio to `git log --oneline` on the same repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectGitEvidence } from '../src/collect/git/index.js';
import { silentLogger } from '../src/model/log.js';

const RUNS = 3;
const COMMITS = Number(process.env.BENCH_GIT_COMMITS ?? 20_000);
const POLICY_FILES = 50;
const START = Date.UTC(2026, 0, 1);

const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';

function policy(k: number, port: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: policy-${k}, namespace: ns-${k % 10} }
spec:
  podSelector: { matchLabels: { app: app-${k} } }
  ingress:
    - from: [{ podSelector: { matchLabels: { role: client } } }]
      ports: [{ port: ${port} }]
`;
}

/**
 * The fast-import stream: every 4th commit edits a policy file under clusters/prod, the others edit
 * application files; every 10th commit is a policy change on a branch merged by a "Merge pull request" commit.
 */
function stream(): string {
  const out: string[] = [];
  let mark = 0;
  let mainTip = 0;
  const commit = (
    ref: string,
    i: number,
    message: string,
    from: number,
    merge: number,
    file: string,
    text: string,
  ): number => {
    const m = ++mark;
    const when = Math.floor((START + i * 5 * 60_000) / 1000);
    const msg = Buffer.byteLength(message);
    out.push(`commit ${ref}\nmark :${m}\nauthor Dev ${i % 7} <dev${i % 7}@example.com> ${when} +0000\n`);
    out.push(`committer Dev ${i % 7} <dev${i % 7}@example.com> ${when} +0000\ndata ${msg}\n${message}\n`);
    if (from) out.push(`from :${from}\n`);
    if (merge) out.push(`merge :${merge}\n`);
    if (file) out.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    return m;
  };
  for (let i = 0; i < COMMITS; i++) {
    const k = i % POLICY_FILES;
    const touchesPolicy = i % 4 === 0 || i % 10 === 9;
    const file = touchesPolicy ? `clusters/prod/ns-${k % 10}/policy-${k}.yaml` : `app/src-${i % 200}.txt`;
    const text = touchesPolicy ? policy(k, 1000 + i) : `line ${i}\n`;
    if (i % 10 === 9 && mainTip && i + 1 < COMMITS) {
      const side = commit('refs/heads/pr', i, `Change ${i}`, mainTip, 0, file, text);
      mainTip = commit(
        'refs/heads/main',
        ++i,
        `Merge pull request #${i} from acme/pr-${i}`,
        mainTip,
        side,
        '',
        '',
      );
    } else {
      mainTip = commit('refs/heads/main', i, `Change ${i}`, mainTip, 0, file, text);
    }
  }
  return out.join('');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function time(f: () => Promise<unknown> | unknown): Promise<number> {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-bench-git-'));
  try {
    execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
    const built = await time(() => {
      const r = spawnSync('git', ['fast-import', '--quiet'], {
        cwd: dir,
        env,
        input: stream(),
        maxBuffer: 1 << 30,
      });
      if (r.status !== 0) throw new Error(r.stderr.toString());
    });
    const count = execFileSync('git', ['rev-list', '--count', 'main'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    }).trim();
    const base: number[] = [];
    const ours: number[] = [];
    let summary = '';
    for (let r = 0; r < RUNS; r++) {
      base.push(
        await time(() =>
          execFileSync('git', ['log', '--oneline', 'main'], { cwd: dir, env, maxBuffer: 1 << 30 }),
        ),
      );
      ours.push(
        await time(async () => {
          const ev = await collectGitEvidence({
            repo: dir,
            ref: 'main',
            paths: ['clusters/prod/**'],
            since: new Date(START - 86_400_000),
            until: new Date(START + 200 * 86_400_000),
            log: silentLogger,
          });
          const logged = ev.policyChanges.reduce((n, p) => n + p.changes.length, 0);
          summary = `${ev.commits.length} commits in the evidence, ${ev.policyChanges.length} policies with ${logged} logged changes`;
        }),
      );
    }
    const ratio = median(ours) / median(base);
    process.stdout.write(
      `git: ${count} commits (built with fast-import in ${Math.round(built)} ms); ${summary}\n` +
        `collectGitEvidence median ${Math.round(median(ours))} ms over ${RUNS} runs ` +
        `(baseline git log --oneline ${Math.round(median(base))} ms, ratio ${ratio.toFixed(1)})\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
