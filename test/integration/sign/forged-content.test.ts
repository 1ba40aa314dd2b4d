// Issue 13 point 1: a genuine detached signature re-wrapped with eContent (pkijs used directly, no key) must
// not make a rewritten manifest or PDF verify; openssl cms -verify and pdfsig refuse them too.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignPdf } from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { Signer as PdfSigner, SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import { createKeyPair, loadSigner, verifyBundle, type Signer } from '../../../src/sign/index.js';
import { pemBlocks } from '../../../src/sign/pki.js';
import { verifyPdfSignature } from '../../../src/sign/verify-pdf.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { chromiumPdf, run, signingTime, tempDir, writeBundle } from './fixtures.js';
import { embedContent, naivePkijsAccepts, opensslCmsVerify } from './forge.js';

const NAME = '2026-01-15T10-00-00Z';
let base: string;
let certPath: string;
let signer: Signer;
let pdf: Uint8Array;

beforeAll(async () => {
  base = await tempDir('forge-econtent');
  const k = await createKeyPair(path.join(base, 'keys'), {
    algorithm: 'ecdsa',
    commonName: 'Evidence signer',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    days: 3650,
  });
  certPath = k.certPath;
  signer = await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} });
  pdf = await chromiumPdf('<h1>Genuine findings</h1>');
});

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

describe('a manifest signature re-wrapped with the genuine manifest as eContent', () => {
  it('is accepted by a naive pkijs verify({ data }), and refused by verify (exit 5) and openssl', async () => {
    const bundle = await writeBundle(path.join(base, 'demo'), NAME, signer, pdf);
    const manifestFile = path.join(bundle, 'manifest.json');
    const p7sFile = path.join(bundle, 'manifest.json.p7s');
    const genuine = new Uint8Array(await readFile(manifestFile));
    // The attacker empties the findings and rewrites the manifest to match...
    await writeFile(path.join(bundle, 'data', 'findings.json'), '[]');
    const m = JSON.parse(Buffer.from(genuine).toString('utf8')) as {
      files: { path: string; sha256: string; bytes: number }[];
    };
    const entry = m.files.find((f) => f.path === 'data/findings.json');
    if (!entry) throw new Error('fixture has no findings file');
    Object.assign(entry, { sha256: sha256('[]'), bytes: 2 });
    const forged = new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`);
    await writeFile(manifestFile, forged);
    // ...and carries the genuine manifest inside the genuine signature.
    const p7s = embedContent(new Uint8Array(await readFile(p7sFile)), genuine);
    await writeFile(p7sFile, p7s);

    expect(await naivePkijsAccepts(p7s, forged)).toBe(true);

    const r = await verifyBundle(bundle, { ca: certPath, chain: false });
    expect(r.ok).toBe(false);
    expect(r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`)).toEqual([
      'manifest signature: the signature embeds its own content (eContent) where a detached signature over the file is expected',
    ]);
    expect((await opensslCmsVerify(p7sFile, manifestFile, certPath)).ok).toBe(false);

    const cli = await runBuiltCli(['verify', bundle, '--ca', certPath]);
    expect(cli.code).toBe(5);
    expect(cli.stdout).toContain('FAIL manifest signature: the signature embeds its own content (eContent)');
  });
});

/** A @signpdf signer that returns a fixed CMS whatever the PDF bytes are (the attacker has no key). */
class FixedCms extends PdfSigner {
  constructor(private readonly cms: Uint8Array) {
    super();
  }
  override sign(): Promise<Buffer> {
    return Promise.resolve(Buffer.from(this.cms));
  }
}

/** The bytes a PDF signature covers, cut out by its ByteRange as docs/verify.md does with head/tail. */
function signedBytes(file: Buffer): Uint8Array {
  const m = [...file.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+) (\d+) (\d+) (\d+)\s*\]/g)].pop();
  const [, , b, c, d] = (m ?? []).map(Number) as [number, number, number, number, number];
  return new Uint8Array(Buffer.concat([file.subarray(0, b), file.subarray(c, c + d)]));
}

describe('a PDF whose signature is a genuine one re-wrapped with the genuine signed bytes as eContent', () => {
  it('is refused by our PDF check and by pdfsig', async () => {
    const dir = await tempDir('forge-pdf');
    const genuineFile = path.join(dir, 'genuine.pdf');
    const { signPdf } = await import('../../../src/sign/index.js');
    await writeFile(genuineFile, await signPdf(pdf, signer, { signingTime, reason: 'Compliance evidence' }));
    await run('pdfsig', ['-dump', genuineFile], { cwd: dir });
    const genuineCms = new Uint8Array(await readFile(`${genuineFile}.sig0`));
    const genuineSigned = signedBytes(await readFile(genuineFile));
    const cms = embedContent(genuineCms, genuineSigned);

    const other = await chromiumPdf('<h1>No findings at all</h1>');
    const placeholder = plainAddPlaceholder({
      pdfBuffer: Buffer.from(other),
      reason: 'Compliance evidence',
      contactInfo: '',
      name: 'CN=Evidence signer',
      location: '',
      signatureLength: cms.length + 1024,
      subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    });
    const forged = await new SignPdf().sign(placeholder, new FixedCms(cms), signingTime);
    const forgedFile = path.join(dir, 'report.pdf');
    await writeFile(forgedFile, forged);

    expect(await naivePkijsAccepts(cms, signedBytes(forged))).toBe(true);
    const anchors = pemBlocks(await readFile(certPath, 'utf8'), 'CERTIFICATE');
    const v = await verifyPdfSignature(new Uint8Array(forged), anchors);
    expect(v).toMatchObject({ signatureOk: false, trusted: false });
    expect(v.detail).toMatch(/embeds its own content \(eContent\)/);
    const poppler = await run('pdfsig', [forgedFile]).then(
      (x) => x.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    expect(poppler).not.toContain('Signature is Valid.');
  });
});
