import { runBuiltCli } from '../../helpers/cli.js';

const COMMANDS = ['report', 'snapshot', 'connlist', 'verify', 'keys', 'diff', 'period', 'demo'];

describe('netpol-evidence --help', () => {
  it('lists every command and the exit codes', async () => {
    const r = await runBuiltCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`netpol-evidence ${c}\\b`));
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error/);
  });

  it.each(COMMANDS)('%s --help lists its options with an example', async (c) => {
    const r = await runBuiltCli([c, '--help']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/Options:/);
    expect(r.stdout).toMatch(/Examples:/);
  });

  it('exits 2 on an unknown command or flag', async () => {
    expect((await runBuiltCli(['frobnicate'])).code).toBe(2);
    const r = await runBuiltCli(['snapshot', '--manifests', 'x', '--output', 'y', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --colour/);
  });
});
