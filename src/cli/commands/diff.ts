// `diff OLD NEW`: what changed between two bundles (policies, coverage, paths, controls, vendors, findings).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { buildDiffView, diffEvidence, formatDiffText } from '../../diff/index.js';
import { AppError } from '../../model/errors.js';
import type { Evidence } from '../../model/evidence.js';
import { loadTemplates } from '../../render/html/render-html.js';
import { verifyBundle } from '../../sign/index.js';
import { PACKAGE_ROOT } from '../../version.js';
import type { CliContext } from '../context.js';
import { outputOptions, resolveOutput, type OutputFlags } from '../output-flags.js';
import { writeFileAtomically } from '../../store/write-file-atomically.js';

interface DiffArgs extends OutputFlags {
  old: string;
  new: string;
  ca?: string;
}

const DIFF_FORMATS = ['text', 'json', 'html'] as const;

/** A bundle folder or an evidence.json file; the bundle is verified first when --ca is given. */
async function readEvidence(where: string, ca: string | undefined): Promise<Evidence> {
  const s = await stat(where).catch(() => undefined);
  if (!s) throw new AppError('INPUT', `${where}: no such bundle folder or evidence.json`);
  const dir = s.isDirectory() ? where : path.dirname(where);
  const file = s.isDirectory() ? path.join(where, 'evidence.json') : where;
  if (ca) {
    const report = await verifyBundle(dir, { ca, chain: false });
    const failed = report.checks.filter((c) => !c.ok);
    if (failed.length)
      throw new AppError(
        'VERIFY_FAILED',
        `${dir} did not verify: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`,
      );
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError('INPUT', `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? ''})`, {
      cause: e,
    });
  }
  try {
    const e = JSON.parse(text) as Evidence;
    if (e.schemaVersion !== 1 || !e.snapshot || !Array.isArray(e.findings))
      throw new Error('not a schemaVersion 1 evidence.json');
    return e;
  } catch (e) {
    throw new AppError('INPUT', `${file}: ${(e as Error).message}`, { cause: e });
  }
}

export function diffCommand(ctx: CliContext): CommandModule<object, DiffArgs> {
  return {
    command: 'diff <old> <new>',
    describe: 'Show what changed between two bundles: policies, coverage, paths, controls, vendors, findings',
    builder: (y: Argv) =>
      outputOptions(y, DIFF_FORMATS, 'text')
        .positional('old', {
          type: 'string',
          demandOption: true,
          describe: 'Older bundle folder (or its evidence.json)',
        })
        .positional('new', {
          type: 'string',
          demandOption: true,
          describe: 'Newer bundle folder (or its evidence.json)',
        })
        .option('ca', {
          type: 'string',
          describe: 'Verify both bundles against this trust anchor first (exit 5 if either fails)',
        })
        .example(
          '$0 diff reports/prod/2026-01-14T10-00-00Z reports/prod/2026-01-15T10-00-00Z',
          'changes in a day',
        )
        .example(
          '$0 diff OLD NEW -o html --file diff.html',
          'an HTML page for the auditor',
        ) as unknown as Argv<DiffArgs>,
    handler: async (argv) => {
      const { format, file } = resolveOutput(argv, DIFF_FORMATS, 'text', ctx.log);
      const [before, after] = await Promise.all([
        readEvidence(argv.old, argv.ca),
        readEvidence(argv.new, argv.ca),
      ]);
      const d = diffEvidence(before, after);
      let text: string;
      if (format === 'json') text = `${JSON.stringify(d, null, 2)}\n`;
      else if (format === 'html') {
        const dir = path.join(PACKAGE_ROOT, 'templates');
        const css = await readFile(path.join(dir, 'report.css'), 'utf8');
        text = (await loadTemplates(dir)).render('diff', buildDiffView(d, css));
      } else text = formatDiffText(d);
      if (file) {
        await writeFileAtomically(file, text);
        ctx.out(path.resolve(ctx.cwd, file));
      } else ctx.out(text.replace(/\n$/, ''));
      ctx.log.info('diff', { ...d.counts });
    },
  };
}
