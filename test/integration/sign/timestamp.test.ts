// RFC 3161 timestamps from a real TSA (openssl ts -reply behind HTTP on 127.0.0.1), checked by openssl ts -verify.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../../src/model/errors.js';
import { createKeyPair, loadSigner, signPdf, type Signer } from '../../../src/sign/index.js';
import { pemBlocks } from '../../../src/sign/pki.js';
import { verifyCmsDetached } from '../../../src/sign/verify-cms.js';
import { findPdfSignature } from '../../../src/sign/verify-pdf.js';
import { startLocalTsa, type LocalTsa } from '../../helpers/tsa/local-tsa.js';
import { chromiumPdf, run, signingTime, tempDir } from './fixtures.js';

const TOKEN_OID = '1.2.840.113549.1.9.16.2.14';
let tsa: LocalTsa;
let signer: Signer;
let dir: string;

beforeAll(async () => {
  tsa = await startLocalTsa();
  dir = await tempDir('tsa');
  const k = await createKeyPair(path.join(dir, 'keys'), {
    algorithm: 'ecdsa',
    commonName: 'Evidence signer',
  });
  signer = await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} });
});
afterAll(() => tsa.close());

/** The signature value and the timestamp token (DER) of a CMS signature. */
function split(p7s: Uint8Array): { signature: Uint8Array; token: Uint8Array | undefined } {
  const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(p7s).content });
  const info = signed.signerInfos[0] as pkijs.SignerInfo;
  const attr = info.unsignedAttrs?.attributes.find((a) => a.type === TOKEN_OID);
  return {
    signature: new Uint8Array(info.signature.valueBlock.valueHexView),
    token: attr ? new Uint8Array((attr.values[0] as asn1js.Sequence).toBER(false)) : undefined,
  };
}

describe('a signature made with --tsa-url', () => {
  describe('when the TSA answers', () => {
    it('carries a token over the signature value that openssl ts -verify accepts', async () => {
      const data = new TextEncoder().encode('manifest bytes\n');
      const p7s = await signer.signDetached(data, { signingTime, tsaUrl: tsa.url });
      const { signature, token } = split(p7s);
      expect(token).toBeDefined();
      const tokenFile = path.join(dir, 'token.der');
      await writeFile(tokenFile, token as Uint8Array);
      const digest = createHash('sha256').update(signature).digest('hex');
      const ok = await run('openssl', [
        'ts',
        '-verify',
        '-digest',
        digest,
        '-in',
        tokenFile,
        '-token_in',
        '-CAfile',
        tsa.certPath,
      ]);
      expect(ok.stdout).toContain('Verification: OK');

      const wrong = createHash('sha256').update(data).digest('hex');
      const bad = await run('openssl', [
        'ts',
        '-verify',
        '-digest',
        wrong,
        '-in',
        tokenFile,
        '-token_in',
        '-CAfile',
        tsa.certPath,
      ]).catch((e: { stdout: string; stderr: string }) => e);
      expect(`${bad.stdout}${bad.stderr}`).toMatch(/message imprint mismatch/);

      const verdict = await verifyCmsDetached(p7s, data, []);
      expect(verdict.signatureOk).toBe(true);
      // Without --tsa-ca the token is checked for integrity but its time is not trusted (issue 13 point 4).
      expect(verdict.timestamp).toMatchObject({ status: 'unverified' });
      const anchored = await verifyCmsDetached(p7s, data, {
        anchors: [],
        tsaAnchors: pemBlocks(await readFile(tsa.certPath, 'utf8'), 'CERTIFICATE'),
      });
      expect(anchored.timestamp).toMatchObject({ status: 'verified' });
    });

    it('leaves the PDF signature valid for pdfsig', async () => {
      const file = path.join(dir, 'report.pdf');
      const before = tsa.requests;
      await writeFile(
        file,
        await signPdf(await chromiumPdf(), signer, {
          signingTime,
          reason: 'Compliance evidence',
          tsaUrl: tsa.url,
        }),
      );
      expect(tsa.requests).toBe(before + 1);
      const { stdout } = await run('pdfsig', [file]);
      expect(stdout).toContain('Signature is Valid.');
      const sig = findPdfSignature(new Uint8Array(await readFile(file)));
      if (typeof sig === 'string') throw new Error(sig);
      expect(split(sig.contents).token).toBeDefined();
    });
  });

  describe('when the TSA cannot be reached', () => {
    it('fails with a signing error naming the URL', async () => {
      const e = await signer
        .signDetached(new Uint8Array([1]), { signingTime, tsaUrl: 'http://127.0.0.1:9/tsa' })
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).exitCode).toBe(4);
      expect((e as AppError).message).toContain('timestamp authority http://127.0.0.1:9/tsa failed');
    });
  });
});
