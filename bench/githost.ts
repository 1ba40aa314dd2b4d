// Benchmark of review collection from the Git host: 2,000 policy commits in the period against the loopback
// GitHub and GitLab servers (test/helpers/githost, run in a child process as a real host would be); median of
// 3 runs, API requests counted, ratio to the same run's Git collection of the same history.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { collectGitEvidence } from '../src/collect/git/index.js';
import { collectHostReviews } from '../src/collect/githost/index.js';
import type { ReviewHostKind } from '../src/model/change-request.js';
import type { GitEvidence } from '../src/model/git.js';
import { silentLogger } from '../src/model/log.js';
import type { FakeHost, FakePerson, FakeRequest } from '../test/helpers/githost/scenario.js';

const RUNS = 3;
const COMMITS = Number(process.env.BENCH_GITHOST_COMMITS ?? 2000);
const START = Date.UTC(2026, 0, 1);
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';

const people: FakePerson[] = Array.from({ length: 7 }, (_, i) => ({
  login: `dev${i}`,
  name: `Dev ${i}`,
  email: `dev${i}@example.com`,
}));

/** Every commit changes a policy; every 10th is direct, every 7th request was rebase-merged (found per commit). */
function stream(): string {
  const out: string[] = [];
  for (let i = 0; i < COMMITS; i++) {
    const when = Math.floor((START + i * 10 * 60_000) / 1000);
    const who = people[i % 7] as FakePerson;
    const msg = i % 10 === 0 ? `Change ${i}` : `Change ${i} (#${i + 1})`;
    const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p-${i % 50}, namespace: ns }\nspec:\n  podSelector: {}\n  ingress: [{ ports: [{ port: ${1000 + i} }] }]\n`;
    out.push(`commit refs/heads/main\nmark :${i + 1}\nauthor ${who.name} <${who.email}> ${when} +0000\n`);
    out.push(`committer ${who.name} <${who.email}> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`);
    if (i > 0) out.push(`from :${i}\n`);
    out.push(`M 100644 inline clusters/prod/p-${i % 50}.yaml\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  return out.join('');
}

function requests(shas: readonly string[]): FakeRequest[] {
  return shas.flatMap((sha, i) => {
    if (i % 10 === 0) return [];
    const at = (min: number): string => new Date(START + i * 10 * 60_000 + min * 60_000).toISOString();
    const author = people[i % 7] as FakePerson;
    const head = (i + 1).toString(16).padStart(40, 'a');
    return [
      {
        number: i + 1,
        title: `Change ${i}`,
        author,
        createdAt: at(-60),
        mergedAt: at(0),
        mergedBy: author,
        base: 'main',
        headSha: head,
        mergeCommitSha: i % 7 === 3 ? (i + 1).toString(16).padStart(40, 'c') : sha,
        commits: [{ sha: head, author, committer: author }],
        reviews: [
          { user: people[(i + 1) % 7] as FakePerson, state: 'APPROVED' as const, at: at(-10), commit: head },
        ],
      },
    ];
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const v = await f();
  return [Number(process.hrtime.bigint() - t) / 1e6, v];
}

/** Starts bench/githost-host.js with the host; resolves its URL, and `stop()` gives its request count. */
async function startHost(
  kind: ReviewHostKind,
  file: string,
): Promise<{ url: string; stop: () => Promise<number> }> {
  const script = fileURLToPath(new URL('./githost-host.js', import.meta.url));
  const child = spawn(process.execPath, [script, kind, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const url = String((await lines.next()).value);
  return {
    url,
    stop: async () => {
      child.stdin.end();
      return Number((await lines.next()).value);
    },
  };
}

async function hostRun(
  kind: ReviewHostKind,
  git: GitEvidence,
  file: string,
  host: FakeHost,
): Promise<string> {
  const times: number[] = [];
  let line = '';
  for (let r = 0; r < RUNS; r++) {
    const server = await startHost(kind, file);
    const [ms, out] = await time(() =>
      collectHostReviews(
        git,
        { kind, apiUrl: server.url, repo: host.repo },
        { env: { GITHUB_TOKEN: host.token, GITLAB_TOKEN: host.token }, log: silentLogger },
      ),
    );
    const served = await server.stop();
    times.push(ms);
    const viaApi = out.commits.filter((c) => c.review.request).length;
    line = `${out.reviewHost?.requests ?? 0} API requests (the host answered ${served}), ${viaApi} of ${out.commits.length} changes matched to a request`;
  }
  return `${kind}: median ${Math.round(median(times))} ms over ${RUNS} runs (ratio ${(median(times) / baseMs).toFixed(1)} to the Git collection); ${line}`;
}

let baseMs = 1;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-bench-githost-'));
  try {
    execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
    const r = spawnSync('git', ['fast-import', '--quiet'], {
      cwd: dir,
      env,
      input: stream(),
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(r.stderr.toString());
    const shas = execFileSync('git', ['rev-list', '--reverse', 'main'], { cwd: dir, env, encoding: 'utf8' })
      .trim()
      .split('\n');
    const gitTimes: number[] = [];
    let git: GitEvidence | undefined;
    for (let i = 0; i < RUNS; i++) {
      const [ms, ev] = await time(() =>
        collectGitEvidence({
          repo: dir,
          ref: 'main',
          paths: ['clusters/prod/**'],
          since: new Date(START - 86_400_000),
          until: new Date(START + 60 * 86_400_000),
          log: silentLogger,
        }),
      );
      gitTimes.push(ms);
      git = ev;
    }
    const ev = git as GitEvidence;
    baseMs = median(gitTimes);
    const rebased = shas.flatMap((sha, i): [string, number[]][] =>
      i % 10 !== 0 && i % 7 === 3 ? [[sha, [i + 1]]] : [],
    );
    const base = {
      defaultBranch: 'main',
      token: 'bench-token',
      requests: requests(shas),
      commitRequests: new Map(rebased),
    };
    process.stdout.write(
      `githost: ${ev.commits.length} policy commits in the period, ${base.requests.length} merged requests; ` +
        `baseline collectGitEvidence median ${Math.round(median(gitTimes))} ms\n`,
    );
    for (const kind of ['github', 'gitlab'] as const) {
      const host: FakeHost = { ...base, repo: kind === 'github' ? 'acme/policies' : 'acme/net/policies' };
      const file = path.join(dir, `${kind}-host.json`);
      writeFileSync(file, JSON.stringify({ ...host, commitRequests: [...rebased] }));
      process.stdout.write(`${await hostRun(kind, ev, file, host)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
