// verifyBundle on real signed bundles: one line per check, and a failure for every kind of tampering.
import { appendFile, cp, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createKeyPair,
  loadSigner,
  verifyBundle,
  type Signer,
  type VerifyReport,
} from '../../../src/sign/index.js';
import { bundleFolderName } from '../../../src/store/bundle-writer.js';
import { caAndLeaf, chromiumPdf, tempDir, writeBundle } from './fixtures.js';

const NAMES = ['2026-01-13T10-00-00Z', '2026-01-14T10-00-00Z', '2026-01-15T10-00-00Z'];
let pristine: string;
let certPath: string;
let otherCert: string;
/** Valid from before the fixed signing time (2026-01-15) for ten years. */
const validity = { algorithm: 'ecdsa' as const, notBefore: new Date('2026-01-01T00:00:00Z'), days: 3650 };

beforeAll(async () => {
  const base = await tempDir('verify');
  const k = await createKeyPair(path.join(base, 'keys'), { ...validity, commonName: 'Evidence signer' });
  const other = await createKeyPair(path.join(base, 'other'), { ...validity, commonName: 'Someone else' });
  certPath = k.certPath;
  otherCert = other.certPath;
  const signer: Signer = await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} });
  const pdf = await chromiumPdf();
  pristine = path.join(base, 'cluster');
  for (const n of NAMES) await writeBundle(pristine, n, signer, pdf);
});

/** A fresh copy of the three-bundle cluster folder, so each case tampers with its own. */
async function cluster(): Promise<string> {
  const dir = path.join(await tempDir('case'), 'cluster');
  await cp(pristine, dir, { recursive: true });
  return dir;
}

const failed = (r: VerifyReport): string[] =>
  r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

describe('verifyBundle', () => {
  describe('when nothing was changed and the signer certificate is the trust anchor', () => {
    it('passes every check, the whole chain included', async () => {
      const dir = await cluster();
      const r = await verifyBundle(path.join(dir, NAMES[2] as string), { ca: certPath, chain: true });
      expect(failed(r)).toEqual([]);
      expect(r.ok).toBe(true);
      const names = r.checks.map((c) => c.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'manifest signature',
          'trust anchor',
          'file report.pdf',
          'file data/findings.json',
          'pdf signature report.pdf',
          'pdfsig report.pdf',
          `chain ${NAMES[2]} -> ${NAMES[1]}`,
          `chain ${NAMES[1]} -> ${NAMES[0]}`,
          `chain signature ${NAMES[0]}`,
        ]),
      );
    });
  });

  describe.each([
    {
      tamper: 'a listed file is changed',
      act: (b: string) => appendFile(path.join(b, 'data', 'findings.json'), ' '),
      expected: 'file data/findings.json: sha256 differs',
    },
    {
      tamper: 'a file is added',
      act: (b: string) => writeFile(path.join(b, 'extra.txt'), 'smuggled'),
      expected: 'file extra.txt: not in the manifest (added)',
    },
    {
      tamper: 'a file is removed',
      act: (b: string) => unlink(path.join(b, 'snapshot.json')),
      expected: 'file snapshot.json: missing (listed in the manifest, removed from the bundle)',
    },
    {
      tamper: 'the manifest is edited',
      act: (b: string) => appendFile(path.join(b, 'manifest.json'), '\n'),
      expected: 'manifest signature: message digest does not match the signed data',
    },
    {
      tamper: 'the signature is removed (an unsigned bundle)',
      act: (b: string) => unlink(path.join(b, 'manifest.json.p7s')),
      expected: 'manifest signature: unsigned bundle: no manifest.json.p7s',
    },
  ])('when $tamper', ({ act, expected }) => {
    it('fails and names what changed', async () => {
      const bundle = path.join(await cluster(), NAMES[2] as string);
      await act(bundle);
      const r = await verifyBundle(bundle, { ca: certPath, chain: false });
      expect(r.ok).toBe(false);
      expect(failed(r)).toContain(expected);
    });
  });

  describe('when no --ca is given', () => {
    it('says the signer is self-signed and fails the trust check', async () => {
      const r = await verifyBundle(path.join(await cluster(), NAMES[2] as string), { chain: false });
      expect(failed(r)).toEqual([
        'trust anchor: CN=Evidence signer is self-signed: no --ca given to check it against',
      ]);
    });
  });

  describe('when --ca names a different certificate', () => {
    it('fails the trust check of the manifest and of the PDF', async () => {
      const r = await verifyBundle(path.join(await cluster(), NAMES[2] as string), {
        ca: otherCert,
        chain: false,
      });
      expect(failed(r)).toEqual([
        expect.stringMatching(`^trust anchor: CN=Evidence signer does not chain to ${otherCert}: `),
        expect.stringMatching(/^pdf signature report.pdf: valid, but the signer does not chain to --ca: /),
      ]);
    });
  });

  describe('when a middle bundle of the chain was changed', () => {
    it('breaks the link from the next bundle to it', async () => {
      const dir = await cluster();
      await appendFile(path.join(dir, NAMES[1] as string, 'manifest.json'), ' ');
      const r = await verifyBundle(path.join(dir, NAMES[2] as string), { ca: certPath, chain: true });
      expect(r.ok).toBe(false);
      expect(failed(r)).toEqual([
        `chain ${NAMES[2]} -> ${NAMES[1]}: ${NAMES[1]}/manifest.json sha256 differs from the link (changed after the later run)`,
        `chain signature ${NAMES[1]}: message digest does not match the signed data`,
      ]);
    });
  });

  describe('when a middle bundle of the chain was deleted', () => {
    it('reports the missing link', async () => {
      const dir = await cluster();
      await rm(path.join(dir, NAMES[1] as string), { recursive: true });
      const r = await verifyBundle(path.join(dir, NAMES[2] as string), { ca: certPath, chain: true });
      expect(failed(r)).toEqual([
        `chain ${NAMES[2]} -> ${NAMES[1]}: previous bundle ${NAMES[1]} not found in ${dir}`,
        `chain ${NAMES[0]}: an earlier bundle in the folder is not on the chain`,
      ]);
    });
  });

  describe('when the signer certificate was not yet valid at the signing time', () => {
    it('fails the trust check even with that certificate as the anchor', async () => {
      const dir = path.join(await tempDir('late'), 'cluster');
      const late = await createKeyPair(path.join(dir, '..', 'keys'), {
        ...validity,
        notBefore: new Date('2026-02-01T00:00:00Z'),
        commonName: 'Late signer',
      });
      const signer = await loadSigner({ key: late.keyPath, cert: late.certPath, env: {} });
      const bundle = await writeBundle(dir, NAMES[2] as string, signer, await chromiumPdf());
      const r = await verifyBundle(bundle, { ca: late.certPath, chain: false });
      expect(failed(r)).toEqual([
        `trust anchor: CN=Late signer does not chain to ${late.certPath}: certificate not valid at the signing time (checked at 2026-01-15T10:00:00.000Z)`,
        expect.stringMatching(
          /^pdf signature report.pdf: valid, but the signer does not chain to --ca: certificate not valid/,
        ),
      ]);
    });
  });

  describe('when the signer was issued by a CA and only the CA is the anchor', () => {
    it('passes the trust check through the embedded chain', async () => {
      const base = await tempDir('ca');
      const pki = await caAndLeaf(path.join(base, 'pki'), 'rsa');
      const signer = await loadSigner({ key: pki.key, cert: pki.cert, chain: pki.caCert, env: {} });
      // openssl 3.0 cannot backdate certificates, so this run signs at the real time
      const now = new Date();
      const bundle = await writeBundle(
        path.join(base, 'cluster'),
        bundleFolderName(now),
        signer,
        await chromiumPdf(),
        now,
      );
      const r = await verifyBundle(bundle, { ca: pki.caCert, chain: true });
      expect(failed(r)).toEqual([]);
      expect(r.checks.find((c) => c.name === 'trust anchor')?.detail).toBe(
        `O=Example, CN=netpol-evidence signer chains to ${pki.caCert}`,
      );
    });
  });
});
