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
    }) as unknown as Argv<T & SourceFlags>;
}
