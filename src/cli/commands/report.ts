// `report`: one run of the whole pipeline; the last line on stdout is the bundle folder.
import type { Argv, CommandModule } from 'yargs';
import { defaultEngines } from '../../run/engines.js';
import { runReport } from '../../run/report-run.js';
import type { CliContext } from '../context.js';
import { assertOneSource } from '../source.js';
import { reportOptions, resolveReportOptions, type ReportFlags } from '../report-flags.js';
import type { SetExit } from './index.js';

export function reportCommand(ctx: CliContext, setExit: SetExit): CommandModule<object, ReportFlags> {
  return {
    command: 'report',
    describe: 'Collect, analyse, map to controls and write a signed evidence bundle',
    builder: (y: Argv) =>
      reportOptions(y)
        .example(
          '$0 report --manifests examples/demo/cluster --unsigned',
          'an unsigned report of a folder of manifests',
        )
        .example(
          '$0 report --kubeconfig ~/.kube/config --context prod --sign-key key.pem --sign-cert cert.pem --git-repo git@host:org/gitops.git --git-path "clusters/prod/**" --inventory inventory.yaml',
          'a signed report of a live cluster with its Git history',
        ) as unknown as Argv<ReportFlags>,
    handler: async (argv) => {
      // The source is what a newcomer forgets first: say so before asking for a signing key.
      assertOneSource(argv, ctx.env);
      const opts = resolveReportOptions(argv, ctx.now());
      const result = await runReport(opts, ctx, defaultEngines);
      ctx.out(result.bundleDir);
      if (result.failed) {
        ctx.log.warn('findings at or above --fail-on', { failOn: opts.failOn });
        setExit(1);
      }
    },
  };
}
