// Runs every benchmark in bench/ one after another (each prints medians and ratios to its baseline).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

for (const name of [
  'reachability',
  'collect',
  'git',
  'render',
  'period',
  'report',
  'sweep',
  'githost',
  'flows',
  'oscal',
  'mixed-policies',
  'change-impact',
]) {
  const file = new URL(`../dist/bench/${name}.js`, import.meta.url);
  if (!existsSync(file)) continue;
  process.stderr.write(`\n== bench: ${name}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', file.pathname, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
