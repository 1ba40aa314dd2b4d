import { collectGitEvidence } from '../../../src/collect/git/index.js';
import { silentLogger } from '../../../src/model/log.js';
import { alice, netpol, TestRepo } from '../../helpers/git-repo.js';

const period = { since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-03-01T00:00:00Z') };

describe('collectGitEvidence signatures', () => {
  const repo = new TestRepo().useSshSigning(alice);
  let signed = '';
  let unsigned = '';
  beforeAll(() => {
    signed = repo.write('p/a.yaml', netpol('a', 'a')).commit('signed change', { sign: true });
    unsigned = repo.write('p/a.yaml', netpol('a', 'a', 81)).commit('unsigned change');
  });
  afterAll(() => repo.cleanup());

  describe('when an allowed-signers file names the SSH key', () => {
    it('reports the SSH signature as good, with the signer and key, and the unsigned commit as none', async () => {
      const ev = await collectGitEvidence({
        repo: repo.dir,
        paths: ['p/**'],
        ...period,
        log: silentLogger,
        allowedSigners: repo.allowedSigners,
      });
      const byShaSig = Object.fromEntries(ev.commits.map((c) => [c.sha, c.signature]));
      expect(byShaSig[signed]).toEqual({
        status: 'good',
        signer: alice.email,
        key: expect.stringMatching(/^SHA256:/),
        format: 'ssh',
      });
      expect(byShaSig[unsigned]).toEqual({ status: 'none', format: 'none' });
      expect(ev.warnings).toEqual([]);
    });
  });

  describe('when no allowed-signers file is given', () => {
    it('says the SSH signature could not be verified, and warns why', async () => {
      const ev = await collectGitEvidence({ repo: repo.dir, paths: ['p/**'], ...period, log: silentLogger });
      const sig = ev.commits.find((c) => c.sha === signed)?.signature;
      expect(sig?.format).toBe('ssh');
      expect(sig?.status).toBe('unknown-key');
      expect(ev.warnings.map((w) => w.message)).toContain(
        'SSH-signed commits cannot be verified without an allowed-signers file',
      );
    });
  });

  describe('when the allowed-signers file names a different key', () => {
    it('does not report the signature as good', async () => {
      const other = new TestRepo().useSshSigning(alice);
      const ev = await collectGitEvidence({
        repo: repo.dir,
        paths: ['p/**'],
        ...period,
        log: silentLogger,
        allowedSigners: other.allowedSigners,
      });
      expect(ev.commits.find((c) => c.sha === signed)?.signature.status).not.toBe('good');
      other.cleanup();
    });
  });
});
