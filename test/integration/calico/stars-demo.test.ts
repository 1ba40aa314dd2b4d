// Calico's "stars" getting-started demo, rewritten as this project's own manifests (Calico tiers, global and
// namespaced policies, a GlobalNetworkSet, a Kubernetes NetworkPolicy): its connlist is a golden file.
// Regenerate with `npm run test:update` (UPDATE_GOLDEN=1) and review the diff.
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ArgumentsCamelCase } from 'yargs';
import { connlistCommand } from '../../../src/cli/commands/connlist.js';
import { silentLogger } from '../../../src/model/log.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { fixedClock, repoRoot } from '../../helpers/paths.js';

const stars = path.join(repoRoot, 'test', 'fixtures', 'calico', 'stars');

async function connlist(dir: string): Promise<string> {
  const lines: string[] = [];
  const cmd = connlistCommand({
    now: fixedClock,
    log: silentLogger,
    env: {},
    out: (l) => lines.push(l),
    cwd: process.cwd(),
  });
  await cmd.handler({
    _: [],
    $0: 'netpol-evidence',
    manifests: [dir],
    'output-format': 'txt',
  } as unknown as ArgumentsCamelCase<never>);
  return `${lines.join('\n')}\n`;
}

describe('the Calico stars demo', () => {
  it('gives the golden connlist', async () => {
    const actual = await connlist(path.join(stars, 'input'));
    const golden = path.join(stars, 'expected-connlist.txt');
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, actual);
    expect(actual).toBe(await readFile(golden, 'utf8'));
  });

  it('allows what the policies say and nothing else, through report --manifests', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'npe-stars-'));
    const r = await runBuiltCli([
      'report',
      '--manifests',
      path.join(stars, 'input'),
      '--unsigned',
      '--formats',
      'json,csv',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const dir = r.stdout.trim().split('\n').pop() as string;
    const csv = await readFile(path.join(dir, 'connectivity.csv'), 'utf8');
    // The backend serves only the frontend on its named port; the frontend serves the client namespace on 80.
    expect(csv).toContain('stars/frontend[Deployment],stars/backend[Deployment],TCP 6379\r\n');
    expect(csv).toContain('client/client[Deployment],stars/frontend[Deployment],TCP 80\r\n');
    expect(csv).not.toContain('client/client[Deployment],stars/backend[Deployment]');
    // The platform tier denies the metadata address to every pod before the default tier is reached.
    expect(csv).not.toMatch(/\[Deployment\],169\.254\.169\.254-169\.254\.169\.254\[External\]/);
    expect(csv).toContain(
      'management-ui/management-ui[Deployment],stars/backend[Deployment],All Connections\r\n',
    );
  });
});

describe('a Calico selector that does not parse', () => {
  it('is an input error: exit 2, naming file, line, field and the position in the selector', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-calico-bad-'));
    await mkdir(path.join(dir, 'k8s'));
    const text = await readFile(path.join(stars, 'input', '30-policies.yaml'), 'utf8');
    await writeFile(
      path.join(dir, 'k8s', 'policies.yaml'),
      text.replace("role == 'frontend'", "role = 'frontend'"),
    );
    const r = await runBuiltCli(['connlist', '--manifests', 'k8s'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `k8s/policies.yaml:39 spec.ingress[0].source.selector: not a valid Calico selector: expected an operator`,
    );
    expect(r.stderr).toContain(`but found '=' at position 6 of "role = 'frontend'"`);
    const lint = await runBuiltCli(['lint', 'k8s'], { cwd: dir });
    expect(lint.stdout).toContain(
      'k8s/policies.yaml:39:9: error [schema] spec.ingress[0].source.selector: not a valid Calico selector',
    );
    expect(lint.code).toBe(1);
  });
});
