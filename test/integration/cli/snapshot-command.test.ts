import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/paths.js';

const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');

describe('netpol-evidence snapshot', () => {
  describe('when given a folder of manifests', () => {
    it('writes a versioned snapshot and prints its path as the last line of stdout', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-snap-'));
      const out = path.join(dir, 'snap.json');
      const r = await runBuiltCli(['snapshot', '--manifests', demo, '--output', out], {
        env: { SOURCE_DATE_EPOCH: '1768471200' },
      });
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n').pop()).toBe(out);
      const snap = JSON.parse(await readFile(out, 'utf8')) as {
        schemaVersion: number;
        collection: { startedAt: string };
        networkPolicies: unknown[];
      };
      expect(snap.schemaVersion).toBe(1);
      expect(snap.collection.startedAt).toBe('2026-01-15T10:00:00.000Z');
      expect(snap.networkPolicies).toHaveLength(13);
    });
  });

  describe('when a manifest is malformed', () => {
    it('exits 2 naming file, line and field, and writes nothing', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-bad-'));
      await mkdir(path.join(dir, 'in'));
      await writeFile(
        path.join(dir, 'in', 'np.yaml'),
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: a}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.300/8}\n',
      );
      const out = path.join(dir, 'snap.json');
      const r = await runBuiltCli(['snapshot', '--manifests', path.join(dir, 'in'), '--output', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /np\.yaml:8 spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: "10\.0\.0\.300\/8" is not a valid CIDR/,
      );
      expect(await readdir(dir)).toEqual(['in']);
    });
  });

  describe('when SOURCE_DATE_EPOCH is not a number', () => {
    it('exits 2 and says why', async () => {
      const r = await runBuiltCli(['snapshot', '--manifests', demo, '--output', '/tmp/never.json'], {
        env: { SOURCE_DATE_EPOCH: 'yesterday' },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/SOURCE_DATE_EPOCH/);
    });
  });
});
