import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalogs } from '../../../src/config/load-catalogs.js';
import type { ReportOptions } from '../../../src/run/report-options.js';
import { runRecord, sourceRecord } from '../../../src/run/run-record.js';
import { emptySnapshot } from '../../helpers/empty-snapshot.js';
import { repoRoot } from '../../helpers/paths.js';

const sha256sum = (file: string): string => execFileSync('sha256sum', [file]).toString().split(' ')[0] ?? '';

function options(extra: Partial<ReportOptions> = {}): ReportOptions {
  return {
    source: { manifests: ['cluster/'] },
    outDir: 'reports',
    formats: new Set(['json', 'html']),
    frameworks: ['soc2'],
    period: { since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-02-01T00:00:00Z') },
    signing: { mode: 'p12', p12: 'signer.p12', passphraseEnv: 'NPE_PASS' },
    controls: [],
    maxDocumentAgeDays: 365,
    ...extra,
  };
}

describe('the run record', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'npe-run-'));
  });

  describe('when inputs are given', () => {
    it('records the SHA-256 of each, as sha256sum computes it, and every option without secrets', async () => {
      const inventory = path.join(dir, 'inventory.yaml');
      const mine = path.join(dir, 'mapping.yaml');
      await writeFile(inventory, 'subprocessors: []\n');
      await writeFile(mine, 'kind: mapping\nmappings:\n  allow-all-rule:\n    soc2: [CC6.6]\n');
      const o = options({ inventory, controls: [mine], configFile: inventory });
      const run = await runRecord(o, await loadCatalogs([mine]), emptySnapshot(), {
        name: 'n',
        version: '1',
      });
      const byRole = (role: string): { file: string; sha256: string; asOf?: string }[] =>
        run.inputs.filter((i) => i.role === role);
      expect(byRole('inventory')).toEqual([
        { role: 'inventory', file: inventory, sha256: sha256sum(inventory) },
      ]);
      expect(byRole('config')[0]?.sha256).toBe(sha256sum(inventory));
      expect(byRole('controls').map((i) => i.sha256)).toEqual([sha256sum(mine)]);
      expect(byRole('catalog').map((i) => i.file)).toEqual([
        'netpol-evidence/controls/mapping.yaml',
        'netpol-evidence/controls/soc2.yaml',
        'netpol-evidence/controls/iso27001.yaml',
        'netpol-evidence/controls/gdpr.yaml',
      ]);
      expect(byRole('catalog')[1]?.sha256).toBe(sha256sum(path.join(repoRoot, 'controls', 'soc2.yaml')));
      expect(byRole('adequacy')).toEqual([
        expect.objectContaining({ sha256: sha256sum(path.join(repoRoot, 'controls', 'adequacy.yaml')) }),
      ]);
      expect(byRole('adequacy')[0]?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // The passphrase is named by its variable, never its value; every option is there, resolved.
      expect(run.options).toEqual({
        source: { manifests: ['cluster/'] },
        formats: ['html', 'json'],
        frameworks: ['soc2'],
        period: { since: '2026-01-01T00:00:00.000Z', until: '2026-02-01T00:00:00.000Z' },
        signing: { mode: 'p12', p12: 'signer.p12', passphraseEnv: 'NPE_PASS' },
        inventory,
        controls: [mine],
        maxDocumentAgeDays: 365,
        maxExceptionDays: 365,
        config: inventory,
      });
      expect(run.mappingChanges).toEqual([{ file: mine, changes: ['allow-all-rule soc2'] }]);
    });
  });

  describe('when a --controls file restates the package mapping unchanged', () => {
    it('lists no mapping change', async () => {
      const same = path.join(dir, 'same.yaml');
      await writeFile(same, 'kind: mapping\nmappings:\n  allow-all-rule:\n    soc2: { CC6.1: addresses }\n');
      expect((await loadCatalogs([same])).mappingChanges).toEqual([]);
    });
  });

  describe('when the data was not read from a live cluster by this run', () => {
    it('says so plainly, for manifests and for a saved snapshot of a cluster', () => {
      const files = emptySnapshot({ source: { type: 'manifests', name: 'x', paths: ['cluster/'] } });
      expect(sourceRecord(files, options())).toEqual({
        live: false,
        statement: 'Not collected from a live cluster: read from manifest files (cluster/).',
      });
      const saved = emptySnapshot({
        source: { type: 'cluster', name: 'prod', cluster: { server: 'https://10.0.0.1:6443' } },
      });
      const r = sourceRecord(saved, options({ source: { snapshot: 'prod.json' } }));
      expect(r.live).toBe(false);
      expect(r.statement).toBe(
        'Not collected from a live cluster by this run: read from the saved snapshot prod.json (collected from https://10.0.0.1:6443 at 2026-01-15T10:00:00.000Z).',
      );
    });
  });
});
