// PDF signatures on real Chromium output, judged by poppler's pdfsig (and by our own check).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createKeyPair, loadSigner, signPdf } from '../../../src/sign/index.js';
import { verifyPdfSignature } from '../../../src/sign/verify-pdf.js';
import { chromiumPdf, run, signingTime, tempDir } from './fixtures.js';

async function pdfsig(file: string): Promise<string> {
  return run('pdfsig', [file]).then(
    (r) => r.stdout,
    (e: { stdout: string }) => e.stdout,
  );
}

/** Changes one byte of the signed content: a letter of the PDF's /Producer string, inside ByteRange. */
function flipProducerByte(pdf: Uint8Array): Uint8Array {
  const at = Buffer.from(pdf).indexOf('/Producer (') + '/Producer ('.length;
  expect(at).toBeGreaterThan(20);
  const copy = new Uint8Array(pdf);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

let chromium: Uint8Array;
beforeAll(async () => {
  chromium = await chromiumPdf();
});

describe('signPdf on a Chromium-made PDF', () => {
  describe.each(['rsa', 'ecdsa'] as const)('when signed with a %s key', (algorithm) => {
    it('is reported valid by pdfsig, and not valid after one signed byte changes', async () => {
      const dir = await tempDir('pdf');
      const k = await createKeyPair(path.join(dir, 'keys'), { algorithm, commonName: 'Evidence signer' });
      const signer = await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} });
      const signed = await signPdf(chromium, signer, {
        signingTime,
        reason: 'Compliance evidence',
        location: 'CI',
      });
      const file = path.join(dir, 'report.pdf');
      await writeFile(file, signed);

      const out = await pdfsig(file);
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('Signature Type: adbe.pkcs7.detached');
      expect(out).toContain('Signing Hash Algorithm: SHA-256');
      expect(out).toContain('Total document signed');
      expect(
        (await verifyPdfSignature(signed, [new Uint8Array(await readFile(k.certPath))])).signatureOk,
      ).toBe(true);

      const tampered = flipProducerByte(signed);
      await writeFile(file, tampered);
      const after = await pdfsig(file);
      expect(after).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
      expect(after).not.toContain('Signature is Valid.');
      expect((await verifyPdfSignature(tampered, [])).signatureOk).toBe(false);
    });
  });

  describe('when the signer has a long certificate chain', () => {
    it('grows the placeholder instead of failing', async () => {
      const dir = await tempDir('pdf-big');
      const k = await createKeyPair(path.join(dir, 'keys'), {
        algorithm: 'rsa',
        commonName: 'Evidence signer',
      });
      const filler = await Promise.all(
        [1, 2, 3].map((i) =>
          createKeyPair(path.join(dir, `c${i}`), { algorithm: 'rsa', commonName: `CA ${i}` }),
        ),
      );
      const chain = path.join(dir, 'chain.pem');
      const pems = await Promise.all(filler.map((f) => readFile(f.certPath, 'utf8')));
      await writeFile(chain, [...pems, ...pems, ...pems].join('')); // about 9 KB of DER, over the first 8 KB guess
      const signer = await loadSigner({ key: k.keyPath, cert: k.certPath, chain, env: {} });
      const file = path.join(dir, 'report.pdf');
      const signed = await signPdf(chromium, signer, { signingTime, reason: 'Compliance evidence' });
      await writeFile(file, signed);
      const contents = /\/Contents\s*<([0-9a-f]+)>/.exec(Buffer.from(signed).toString('latin1'))?.[1] ?? '';
      expect(contents.length).toBeGreaterThan(2 * 8192);
      expect(await pdfsig(file)).toContain('Signature is Valid.');
    });
  });
});
