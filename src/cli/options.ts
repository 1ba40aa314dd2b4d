// Option groups shared by several commands.
import type { Argv } from 'yargs';

export interface SourceFlags {
  manifests?: string[];
  snapshot?: string;
  kubeconfig?: string;
  context?: string;
  cluster?: boolean;
  'source-name'?: string;
  sourceName?: string;
}

export function sourceOptions<T>(y: Argv<T>): Argv<T & SourceFlags> {
  return y
    .option('manifests', {
      type: 'string',
      array: true,
      describe: 'Folder (or file) of Kubernetes manifests; repeatable',
      group: 'Source:',
    })
    .option('snapshot', {
      type: 'string',
      describe: 'A snapshot saved by `snapshot --output`',
      group: 'Source:',
    })
    .option('kubeconfig', {
      type: 'string',
      describe: 'Kubeconfig of the live cluster (default: $KUBECONFIG, ~/.kube/config, or in-cluster)',
      group: 'Source:',
    })
    .option('context', { type: 'string', describe: 'Kubeconfig context to use', group: 'Source:' })
    .option('cluster', {
      type: 'boolean',
      describe: 'Read the live cluster from the default kubeconfig or the in-cluster service account',
      group: 'Source:',
    })
    .option('source-name', {
      type: 'string',
      describe: 'Name of the cluster or source in reports and bundle folders',
      group: 'Source:',
    })
    .check((a) => sourceNameProblem((a as SourceFlags)['source-name']) ?? true) as unknown as Argv<
    T & SourceFlags
  >;
}

/**
 * --source-name names the bundle folder (<out>/<name>): an empty name, or one without a letter or digit
 * ("..", ".", "-"), would silently become another folder, so it is a usage error.
 */
export function sourceNameProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const name = String(Array.isArray(v) ? v[v.length - 1] : v);
  if (name.trim() === '') return '--source-name must not be empty';
  if (!/[a-z0-9]/i.test(name))
    return `--source-name ${JSON.stringify(name)}: needs a letter or digit (it names the bundle folder under --out)`;
  return undefined;
}
