// The manifest signature must verify with OpenSSL alone, exactly as docs/verify.md tells auditors.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createKeyPair, loadSigner, type Signer } from '../../../src/sign/index.js';
import { caAndLeaf, run, signingTime, tempDir } from './fixtures.js';

const manifest = new TextEncoder().encode('{\n  "bundleId": "2026-01-15T10-00-00Z"\n}\n');

async function opensslVerify(dir: string, anchor: string): Promise<{ ok: boolean; stderr: string }> {
  const args = [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    path.join(dir, 'manifest.json.p7s'),
    '-content',
    path.join(dir, 'manifest.json'),
    '-CAfile',
    anchor,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ];
  return run('openssl', args).then(
    (r) => ({ ok: true, stderr: r.stderr }),
    (e: { stderr: string }) => ({ ok: false, stderr: e.stderr }),
  );
}

async function signInto(dir: string, signer: Signer): Promise<void> {
  await writeFile(path.join(dir, 'manifest.json'), manifest);
  await writeFile(path.join(dir, 'manifest.json.p7s'), await signer.signDetached(manifest, { signingTime }));
}

describe('a manifest signature checked by openssl cms -verify', () => {
  describe.each([
    { algorithm: 'rsa' as const, why: 'RSA keys are what most company PKIs issue' },
    { algorithm: 'ecdsa' as const, why: 'ECDSA P-256 is the default of keys create' },
  ])('when signed with a self-signed $algorithm key ($why)', ({ algorithm }) => {
    it('is accepted with the certificate as the trust anchor and rejected once the manifest is edited', async () => {
      const dir = await tempDir('cms');
      const k = await createKeyPair(path.join(dir, 'keys'), { algorithm, commonName: 'Evidence signer' });
      await signInto(dir, await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} }));
      const good = await opensslVerify(dir, k.certPath);
      expect(good).toEqual({ ok: true, stderr: 'CMS Verification successful\n' });

      await writeFile(
        path.join(dir, 'manifest.json'),
        Buffer.from(manifest).toString().replace('15T10', '15T11'),
      );
      const bad = await opensslVerify(dir, k.certPath);
      expect(bad.ok).toBe(false);
      expect(bad.stderr).toMatch(/digest failure|content verify error/);
    });
  });

  describe('when the signer was issued by a CA and the chain is embedded', () => {
    it('is accepted with only the CA certificate as the trust anchor, and not with an unrelated one', async () => {
      const dir = await tempDir('cms-ca');
      const pki = await caAndLeaf(path.join(dir, 'pki'), 'ecdsa');
      await signInto(dir, await loadSigner({ key: pki.key, cert: pki.cert, chain: pki.caCert, env: {} }));
      expect((await opensslVerify(dir, pki.caCert)).ok).toBe(true);

      const other = await createKeyPair(path.join(dir, 'other'), {
        algorithm: 'ecdsa',
        commonName: 'Someone else',
      });
      const untrusted = await opensslVerify(dir, other.certPath);
      expect(untrusted.ok).toBe(false);
      expect(untrusted.stderr).toMatch(/certificate verify error/);
    });
  });
});
