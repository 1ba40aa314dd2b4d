// The CronJob's memory limit holds what docs/operations.md sizes it for: Node's capped heap, what Node uses
// beyond its heap, and Chromium printing the PDF.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../helpers/paths.js';

interface Container {
  name: string;
  env?: { name: string; value?: string }[];
  resources?: { limits?: { memory?: string } };
}

const mib = (q: string): number => {
  const m = /^(\d+)(Mi|Gi)$/.exec(q);
  if (!m) throw new Error(`unexpected quantity ${q}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
};

describe('the CronJob memory sizing', () => {
  const job = parse(readFileSync(path.join(repoRoot, 'deploy', 'cronjob.yaml'), 'utf8')) as {
    spec: { jobTemplate: { spec: { template: { spec: { containers: Container[] } } } } };
  };
  const main = job.spec.jobTemplate.spec.template.spec.containers[0]!;

  it('caps the heap well inside the limit, leaving room for Chromium (1 GiB) and Node beyond its heap', () => {
    const opts = main.env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '';
    const heap = Number(/--max-old-space-size=(\d+)/.exec(opts)?.[1]);
    const limit = mib(main.resources?.limits?.memory ?? '0Mi');
    expect(heap).toBeGreaterThanOrEqual(1024);
    expect(heap + 1024 + 256).toBeLessThanOrEqual(limit);
  });

  it('is the limit docs/operations.md gives for the cluster size it names', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'operations.md'), 'utf8');
    const limit = main.resources?.limits?.memory ?? '';
    expect(doc).toContain(`memory limit \`${limit}\``);
  });
});
