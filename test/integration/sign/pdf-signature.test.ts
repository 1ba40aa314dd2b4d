// PDF signatures on real Chromium output, judged by poppler's pdfsig (and by our own check).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createKeyPair, loadSigner, signPdf } from '../../../src/sign/index.js';
import { pemBlocks } from '../../../src/sign/pki.js';
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
      const k = await createKeyPair(path.join(dir, 'keys'), {
        algorithm,
        commonName: 'Evidence signer',
        notBefore: new Date('2026-01-01T00:00:00Z'),
      });
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
        (await verifyPdfSignature(signed, pemBlocks(await readFile(k.certPath, 'utf8'), 'CERTIFICATE')))
          .trusted,
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

  describe('when bytes are appended after signing (an incremental update)', () => {
    it('is no longer a signature over the whole file', async () => {
      const dir = await tempDir('pdf-append');
      const k = await createKeyPair(path.join(dir, 'keys'), {
        algorithm: 'ecdsa',
        commonName: 'Evidence signer',
      });
      const signer = await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} });
      const signed = await signPdf(chromium, signer, { signingTime, reason: 'Compliance evidence' });
      const appended = Buffer.concat([signed, Buffer.from('\n% appended later\n%%EOF\n')]);
      const file = path.join(dir, 'report.pdf');
      await writeFile(file, appended);
      expect(await pdfsig(file)).not.toContain('Total document signed');
      const v = await verifyPdfSignature(new Uint8Array(appended), []);
      expect(v.signatureOk).toBe(false);
      expect(v.detail).toMatch(/does not cover the whole file/);
    });
  });

  describe('when the PDF is a long multi-page report with links and an outline', () => {
    it('is still signed validly', async () => {
      const rows = Array.from(
        { length: 400 },
        (_, i) => `<tr><td><a href="#r${i}">F-${i}</a></td><td>row ${i}</td></tr>`,
      );
      const html = `<h1 id="top">Report</h1><h2>Findings</h2><table>${rows.join('')}</table><h2>End</h2>`;
      const dir = await tempDir('pdf-long');
      const k = await createKeyPair(path.join(dir, 'keys'), {
        algorithm: 'rsa',
        commonName: 'Evidence signer',
      });
      const signer = await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} });
      const file = path.join(dir, 'report.pdf');
      await writeFile(
        file,
        await signPdf(await chromiumPdf(html), signer, { signingTime, reason: 'Compliance evidence' }),
      );
      const out = await pdfsig(file);
      expect(out).toContain('Signature is Valid.');
      expect(out).toContain('Total document signed');
    });
  });
});
