// No container engine runs here, so the image is never built in tests: these checks read the Dockerfile
// as Docker would (instructions, stages, build args) and hold it to what the image must be.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../helpers/paths.js';

interface Instruction {
  readonly op: string;
  readonly args: string;
}
interface Stage {
  readonly from: string;
  readonly name?: string;
  readonly body: Instruction[];
}

/** Instructions of a Dockerfile: comments dropped, backslash continuations joined. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

function stages(all: Instruction[]): Stage[] {
  const args = new Map<string, string>();
  const out: Stage[] = [];
  for (const i of all) {
    if (i.op === 'ARG' && out.length === 0) {
      const [k, v = ''] = i.args.split('=');
      args.set(k ?? '', v);
    } else if (i.op === 'FROM') {
      const [image = '', as, name] = i.args.split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}/g, (_, k: string) => args.get(k) ?? '');
      out.push({ from, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), body: [] });
    } else out.at(-1)?.body.push(i);
  }
  return out;
}

const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
const all = stages(instructions(dockerfile));
const build = all[0] as Stage;
const final = all.at(-1) as Stage;
const ops = (s: Stage, op: string): string[] => s.body.filter((i) => i.op === op).map((i) => i.args);
const env = (s: Stage): Map<string, string> =>
  new Map(
    ops(s, 'ENV')
      .flatMap((a) => a.split(/\s+/))
      .map((kv) => kv.split('=') as [string, string]),
  );

describe('Dockerfile', () => {
  describe('when read as Docker reads it', () => {
    it('builds in one stage and runs from another, both on node:20-bookworm-slim', () => {
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(build.name).toBe('build');
      expect(all.map((s) => s.from)).toEqual(all.map(() => 'node:20-bookworm-slim'));
    });

    it('installs dependencies with no browser download and no system setup, builds, then prunes dev dependencies', () => {
      const e = env(build);
      expect(e.get('PUPPETEER_SKIP_DOWNLOAD')).toBe('1');
      expect(e.get('NETPOL_EVIDENCE_SKIP_SETUP')).toBe('1');
      const runs = ops(build, 'RUN').join(' && ');
      const order = ['npm ci', 'npm run build', 'npm prune --omit=dev'].map((c) => runs.indexOf(c));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });
  });

  describe('the final stage', () => {
    it('runs as a non-root numeric user', () => {
      const users = ops(final, 'USER');
      expect(users).toHaveLength(1);
      const uid = Number((users[0] ?? '').split(':')[0]);
      expect(uid).toBeGreaterThan(0);
    });

    it('installs Debian chromium without recommends and points puppeteer at it', () => {
      const apt = ops(final, 'RUN').find((r) => r.includes('apt-get install')) ?? '';
      expect(apt).toMatch(/--no-install-recommends/);
      expect(apt.split(/\s+/)).toEqual(expect.arrayContaining(['chromium', 'git']));
      expect(env(final).get('PUPPETEER_EXECUTABLE_PATH')).toBe('/usr/bin/chromium');
    });

    it('takes from the build stage only the built CLI, package.json and the pruned node_modules', () => {
      const fromBuild = ops(final, 'COPY')
        .filter((c) => c.startsWith('--from='))
        .map((c) => c.split(/\s+/)[1]);
      expect(fromBuild.sort()).toEqual(['/src/dist/src', '/src/node_modules', '/src/package.json']);
      const fromContext = ops(final, 'COPY').filter((c) => !c.startsWith('--from='));
      for (const c of fromContext) {
        const src = c.split(/\s+/)[0] ?? '';
        expect(src).not.toMatch(/^(\.|\.\/|node_modules.*|package-lock\.json)$/);
        const dir = src.replace(/\*.*$/, '');
        expect(existsSync(path.join(repoRoot, dir))).toBe(true);
      }
    });

    it('ships every data file the CLI reads from its package root (templates, controls, schemas)', () => {
      const copied = ops(final, 'COPY').map((c) => c.split(/\s+/)[0] ?? '');
      for (const needed of ['templates/', 'controls/', 'examples/', 'docs/*.schema.json'])
        expect(copied).toContain(needed);
    });

    it('has the CLI as entrypoint and the CronJob’s scheduled run as its default command', () => {
      expect(JSON.parse(ops(final, 'ENTRYPOINT')[0] ?? '')).toEqual(['node', '/app/dist/src/cli/main.js']);
      const cmd = JSON.parse(ops(final, 'CMD')[0] ?? '') as string[];
      const cron = parse(readFileSync(path.join(repoRoot, 'deploy', 'cronjob.yaml'), 'utf8'));
      const report = cron.spec.jobTemplate.spec.template.spec.containers.find(
        (c: { name: string }) => c.name === 'report',
      );
      expect(cmd).toEqual(report.args);
    });
  });

  describe('the production dependencies the final stage keeps (npm prune --omit=dev)', () => {
    it('hold every package the CLI imports at run time', () => {
      const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      const files = readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' }).filter(
        (f) => f.endsWith('.ts'),
      );
      const imported = new Set<string>();
      for (const f of files) {
        const text = readFileSync(path.join(repoRoot, 'src', f), 'utf8');
        for (const m of text.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'([^'.][^']*)'/gm)) {
          const spec = m[1] ?? '';
          if (spec.startsWith('node:')) continue;
          imported.add(
            spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? ''),
          );
        }
      }
      expect(imported.size).toBeGreaterThan(0);
      expect([...imported].filter((p) => !(p in pkg.dependencies)).sort()).toEqual([]);
    });
  });

  describe('.dockerignore', () => {
    it('keeps local builds, dependencies, reports and Git data out and lets in everything the Dockerfile copies', () => {
      const ignored = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
      expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'reports']));
      const copied = [...ops(build, 'COPY'), ...ops(final, 'COPY')]
        .filter((c) => !c.startsWith('--from='))
        .flatMap((c) => c.split(/\s+/).slice(0, -1))
        .map((s) => s.replace(/\/.*$/, ''));
      for (const c of copied) expect(ignored).not.toContain(c);
    });
  });
});
