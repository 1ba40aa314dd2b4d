// Issue 13 point 2: the certificate validated must be the one that signed. Look-alike CAs and leaves made with
// openssl, genuine certificates appended, wrong key usages and edited SignerInfos (pkijs used directly) are all
// refused, by verify (exit 5) and by openssl cms -verify alike.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bundleFolderName } from '../../../src/store/bundle-writer.js';
import { loadSigner, verifyBundle, type VerifyReport } from '../../../src/sign/index.js';
import { pemBlocks } from '../../../src/sign/pki.js';
import { verifyCmsDetached } from '../../../src/sign/verify-cms.js';
import { runBuiltCli } from '../../helpers/cli.js';
import { caAndLeaf, chromiumPdf, tempDir, writeBundle } from './fixtures.js';
import {
  encodeSigned,
  opensslCa,
  opensslCmsVerify,
  opensslLeaf,
  opensslSign,
  parseSigned,
  serialOf,
} from './forge.js';

const SIGNER_SUBJECT = '/O=Example/CN=netpol-evidence signer';
const CA_SUBJECT = '/O=Example Audit CA/CN=Example Root';
const LEAF_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n';
let base: string;
let pki: { caCert: string; key: string; cert: string };
let genuineBundle: string;

beforeAll(async () => {
  base = await tempDir('forge-signer');
  pki = await caAndLeaf(path.join(base, 'pki'), 'ecdsa');
  const signer = await loadSigner({ key: pki.key, cert: pki.cert, chain: pki.caCert, env: {} });
  // openssl 3.0 cannot backdate certificates, so the genuine bundle is signed at the real time
  const now = new Date();
  genuineBundle = await writeBundle(
    path.join(base, 'demo'),
    bundleFolderName(now),
    signer,
    await chromiumPdf(),
    now,
  );
});

const failed = (r: VerifyReport): string[] =>
  r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

/** The attacker's edit: the manifest says a file has another digest; returns the forged manifest's path. */
async function forgeManifest(dir: string): Promise<string> {
  const file = path.join(dir, 'manifest.json');
  const text = await readFile(path.join(genuineBundle, 'manifest.json'), 'utf8');
  await writeFile(file, text.replace(/"sha256": "[0-9a-f]{8}/, '"sha256": "00000000'));
  return file;
}

async function expectRefusedEverywhere(
  dir: string,
  signerCheck: RegExp,
  opensslArgs?: string[],
): Promise<void> {
  const manifest = path.join(dir, 'manifest.json');
  const p7s = path.join(dir, 'manifest.json.p7s');
  const anchors = pemBlocks(await readFile(pki.caCert, 'utf8'), 'CERTIFICATE');
  const v = await verifyCmsDetached(
    new Uint8Array(await readFile(p7s)),
    new Uint8Array(await readFile(manifest)),
    anchors,
  );
  expect(v.signatureOk && v.trusted).toBe(false);
  expect(v.signatureOk ? (v.trustProblem ?? '') : v.detail).toMatch(signerCheck);
  expect((await opensslCmsVerify(p7s, manifest, pki.caCert, opensslArgs)).ok).toBe(false);
}

describe('a forged manifest signed by a look-alike leaf of a look-alike CA, with the genuine leaf appended', () => {
  it('is refused by verify --ca realCA (exit 5) and by openssl', async () => {
    const dir = await tempDir('lookalike');
    const fakeCa = await opensslCa(path.join(dir, 'fake-ca'), CA_SUBJECT);
    const fakeLeaf = await opensslLeaf(path.join(dir, 'fake-leaf'), fakeCa, SIGNER_SUBJECT, LEAF_EXT);
    const bundle = path.join(dir, 'demo', path.basename(genuineBundle));
    await cp(genuineBundle, bundle, { recursive: true });
    const manifest = await forgeManifest(bundle);
    const p7sFile = path.join(bundle, 'manifest.json.p7s');
    await opensslSign(manifest, p7sFile, fakeLeaf, pki.cert);
    // Reordered with pkijs so the genuine leaf comes first: the path builder before issue 13 then took it as
    // the end entity and trusted the forgery.
    const signed = parseSigned(new Uint8Array(await readFile(p7sFile)));
    signed.certificates = [...(signed.certificates ?? [])].reverse();
    await writeFile(p7sFile, encodeSigned(signed));

    await expectRefusedEverywhere(bundle, /no issuer of O=Example, CN=netpol-evidence signer/);
    const r = await verifyBundle(bundle, { ca: pki.caCert, chain: false });
    expect(failed(r)).toContainEqual(
      expect.stringMatching(
        /^trust anchor: O=Example, CN=netpol-evidence signer does not chain to .*: no issuer/,
      ),
    );
    const cli = await runBuiltCli(['verify', bundle, '--ca', pki.caCert]);
    expect(cli.code).toBe(5);
    expect(cli.stdout).toMatch(/FAIL trust anchor: .* does not chain to/);
  });

  it('is refused as ambiguous when the look-alike leaf also copies the genuine serial number', async () => {
    const dir = await tempDir('lookalike-serial');
    const fakeCa = await opensslCa(path.join(dir, 'fake-ca'), CA_SUBJECT);
    const serial = await serialOf(pki.cert);
    const fakeLeaf = await opensslLeaf(path.join(dir, 'fake-leaf'), fakeCa, SIGNER_SUBJECT, LEAF_EXT, serial);
    expect(await serialOf(fakeLeaf.cert)).toBe(serial);
    const manifest = await forgeManifest(dir);
    await opensslSign(manifest, path.join(dir, 'manifest.json.p7s'), fakeLeaf, pki.cert);
    await expectRefusedEverywhere(dir, /more than one certificate matches the signer identifier/);
  });
});

describe.each([
  {
    what: 'a certificate of the same CA whose key usage is only key encipherment',
    ext: 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,keyEncipherment\n',
    problem: /key usage does not allow digital signatures/,
  },
  {
    what: 'a TLS server certificate of the same CA (extended key usage serverAuth)',
    ext: 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
    problem: /extended key usage \(1.3.6.1.5.5.7.3.1\) does not allow signing documents/,
  },
])('a forged manifest signed with $what', ({ ext, problem }) => {
  it('is refused by verify and by openssl (which checks key usage for S/MIME signing)', async () => {
    const dir = await tempDir('usage');
    const ca = { cert: pki.caCert, key: path.join(path.dirname(pki.caCert), 'ca.key') };
    const leaf = await opensslLeaf(path.join(dir, 'leaf'), ca, '/O=Example/CN=web server', ext);
    const manifest = await forgeManifest(dir);
    await opensslSign(manifest, path.join(dir, 'manifest.json.p7s'), leaf);
    // without -purpose any: that option switches off openssl's key usage checks
    await expectRefusedEverywhere(dir, problem, []);
  });
});

/** Edits of the genuine SignerInfo an attacker can make with pkijs alone. */
const edits: {
  what: string;
  edit: (s: pkijs.SignedData, extra: pkijs.SignedData) => void;
  detail: RegExp;
}[] = [
  {
    what: 'a second SignerInfo (the attacker’s own) is added',
    edit: (s, extra) => {
      s.signerInfos.push(extra.signerInfos[0] as pkijs.SignerInfo);
      s.certificates = [...(s.certificates ?? []), ...(extra.certificates ?? [])];
    },
    detail: /expected exactly one signer/,
  },
  {
    what: 'the message-digest attribute is removed',
    edit: (s) => {
      const info = s.signerInfos[0] as pkijs.SignerInfo;
      const attrs = info.signedAttrs as pkijs.SignedAndUnsignedAttributes;
      attrs.attributes = attrs.attributes.filter((a) => a.type !== '1.2.840.113549.1.9.4');
      attrs.encodedValue = new ArrayBuffer(0);
    },
    detail: /message-digest signed attribute is missing/,
  },
  {
    what: 'the digest algorithm is changed to SHA-384',
    edit: (s) => {
      const info = s.signerInfos[0] as pkijs.SignerInfo;
      info.digestAlgorithm = new pkijs.AlgorithmIdentifier({
        algorithmId: '2.16.840.1.101.3.4.2.2',
        algorithmParams: new asn1js.Null(),
      });
    },
    detail: /uses sha256, the digest algorithm says sha384|message digest does not match/,
  },
];

describe.each(edits)('when $what', ({ edit, detail }) => {
  it('is refused by verify and by openssl', async () => {
    const dir = await tempDir('edit');
    const manifest = path.join(dir, 'manifest.json');
    await cp(path.join(genuineBundle, 'manifest.json'), manifest);
    const attacker = await opensslLeaf(
      path.join(dir, 'attacker'),
      await opensslCa(path.join(dir, 'attacker-ca'), '/CN=Attacker CA'),
      '/CN=Attacker',
      LEAF_EXT,
    );
    await opensslSign(manifest, path.join(dir, 'attacker.p7s'), attacker);
    const extra = parseSigned(new Uint8Array(await readFile(path.join(dir, 'attacker.p7s'))));
    const signed = parseSigned(new Uint8Array(await readFile(path.join(genuineBundle, 'manifest.json.p7s'))));
    edit(signed, extra);
    await writeFile(path.join(dir, 'manifest.json.p7s'), encodeSigned(signed));
    await expectRefusedEverywhere(dir, detail);
  });
});
