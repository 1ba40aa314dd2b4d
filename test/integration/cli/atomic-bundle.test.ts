import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../src/model/errors.js';
import { silentLogger } from '../../../src/model/log.js';
import type { PdfRenderer } from '../../../src/render/pdf/render-pdf.js';
import { defaultEngines } from '../../../src/run/engines.js';
import type { ReportOptions } from '../../../src/run/report-options.js';
import { runReport } from '../../../src/run/report-run.js';
import { repoRoot } from '../../helpers/paths.js';

const failingPdf: PdfRenderer = {
  render: () => Promise.reject(new AppError('RENDER', 'Chromium crashed while printing')),
};

function options(out: string, formats: ReportOptions['formats']): ReportOptions {
  return {
    source: { manifests: [path.join(repoRoot, 'examples', 'demo', 'cluster')], sourceName: 'atomic' },
    outDir: out,
    formats,
    frameworks: ['soc2'],
    period: { since: new Date('2025-10-01T00:00:00Z'), until: new Date('2026-01-01T00:00:00Z') },
    signing: { mode: 'unsigned' },
    controls: [],
    maxDocumentAgeDays: 365,
  };
}

const ctxAt = (iso: string) => ({ now: () => new Date(iso), log: silentLogger, env: process.env });

describe('a report run that fails while rendering', () => {
  it('leaves no bundle and no temporary folder, and does not touch the earlier bundle', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'npe-atomic-'));
    const first = await runReport(
      options(out, new Set(['json'])),
      ctxAt('2026-01-01T00:00:00Z'),
      defaultEngines,
    );
    const before = await readFile(path.join(first.bundleDir, 'evidence.json'));

    const err = await runReport(
      options(out, new Set(['json', 'html', 'pdf'])),
      ctxAt('2026-01-02T00:00:00Z'),
      { ...defaultEngines, pdf: failingPdf },
    ).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).exitCode).toBe(4);
    expect(await readdir(path.join(out, 'atomic'))).toEqual([path.basename(first.bundleDir)]);
    expect(await readFile(path.join(first.bundleDir, 'evidence.json'))).toEqual(before);
  });
});
