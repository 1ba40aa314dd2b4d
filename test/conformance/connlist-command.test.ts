import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ArgumentsCamelCase } from 'yargs';
import { connlistCommand } from '../../src/cli/commands/connlist.js';
import type { CliContext } from '../../src/cli/context.js';
import { silentLogger } from '../../src/model/log.js';
import { describeWithCorpus } from '../helpers/conformance-corpus.js';
import { fixedClock } from '../helpers/paths.js';

function context(lines: string[]): CliContext {
  return { now: fixedClock, log: silentLogger, env: {}, out: (l) => lines.push(l), cwd: process.cwd() };
}

async function run(args: Record<string, unknown>, lines: string[]): Promise<void> {
  const cmd = connlistCommand(context(lines));
  await cmd.handler({ _: [], $0: 'netpol-evidence', ...args } as unknown as ArgumentsCamelCase<never>);
}

describeWithCorpus('connlist command handler', (conformanceCases) => {
  const caseDir = path.join(conformanceCases, 'onlineboutique_workloads');
  describe('when given --manifests and the default txt format', () => {
    it('prints the netpol-analyzer list on stdout', async () => {
      const lines: string[] = [];
      await run({ manifests: [path.join(caseDir, 'input')], 'output-format': 'txt' }, lines);
      expect(`${lines.join('\n')}\n`).toBe(
        await readFile(path.join(caseDir, 'expected-connlist.txt'), 'utf8'),
      );
    });
  });

  describe('when given --file', () => {
    it('writes the chosen format to the file and nothing to stdout', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-connlist-'));
      const file = path.join(dir, 'out.json');
      const lines: string[] = [];
      await run({ manifests: [path.join(caseDir, 'input')], 'output-format': 'json', file }, lines);
      const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown[];
      expect(lines).toEqual([]);
      expect(parsed).toHaveLength(17);
    });
  });
});
