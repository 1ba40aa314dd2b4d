import { execFile } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../src/model/errors.js';
import { createKeyPair, loadSigner } from '../../../src/sign/index.js';

const run = promisify(execFile);

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'npe-keys-'));
}

/** A key (in the format openssl writes for `genArgs`) and a self-signed certificate for it. */
async function opensslPair(dir: string, genArgs: string[]): Promise<{ key: string; cert: string }> {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const [cmd = '', ...rest] = genArgs;
  await run('openssl', [cmd, '-out', key, ...rest]);
  await chmod(key, 0o600);
  await run('openssl', [
    'req',
    '-x509',
    '-key',
    key,
    '-out',
    cert,
    '-days',
    '30',
    '-subj',
    '/CN=openssl made',
  ]);
  return { key, cert };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('loadSigner', () => {
  describe('when given PEM keys in each format openssl writes', () => {
    it.each([
      {
        format: 'traditional RSA (BEGIN RSA PRIVATE KEY)',
        gen: ['genrsa', '-traditional', '2048'],
        algorithm: 'RSA',
      },
      {
        format: 'SEC1 EC on P-256 (BEGIN EC PRIVATE KEY)',
        gen: ['ecparam', '-name', 'prime256v1', '-genkey', '-noout'],
        algorithm: 'ECDSA-P256',
      },
      {
        format: 'PKCS#8 ECDSA (BEGIN PRIVATE KEY)',
        gen: ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
        algorithm: 'ECDSA-P256',
      },
    ])('loads $format and describes the signer', async ({ gen, algorithm }) => {
      const pair = await opensslPair(await tmp(), gen);
      const signer = await loadSigner({ ...pair, env: {} });
      expect(signer.info).toMatchObject({
        subject: 'CN=openssl made',
        selfSigned: true,
        demo: false,
        algorithm,
      });
      expect(signer.info.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('when the key pair was made by keys create --demo', () => {
    it('says the signer is a self-signed demo key', async () => {
      const k = await createKeyPair(await tmp(), {
        algorithm: 'ecdsa',
        commonName: 'Try it',
        demo: true,
        days: 10,
      });
      const signer = await loadSigner({ key: k.keyPath, cert: k.certPath, env: {} });
      expect(signer.info).toMatchObject({ selfSigned: true, demo: true, algorithm: 'ECDSA-P256' });
      expect(signer.info.subject).toContain('CN=Try it');
    });
  });

  describe('when the key file is readable by group or others', () => {
    it('refuses it and prints the chmod that fixes it', async () => {
      const k = await createKeyPair(await tmp(), { algorithm: 'ecdsa', commonName: 'x' });
      await chmod(k.keyPath, 0o640);
      const e = await failure(loadSigner({ key: k.keyPath, cert: k.certPath, env: {} }));
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain(`(mode 640); run: chmod 600 '${k.keyPath}'`);
    });
  });

  describe('when the files are wrong', () => {
    it('names a missing key file', async () => {
      const e = await failure(
        loadSigner({ key: '/nonexistent/key.pem', cert: '/nonexistent/cert.pem', env: {} }),
      );
      expect(e.code).toBe('INPUT');
      expect(e.message).toMatch(/^--sign-key \/nonexistent\/key\.pem: cannot read/);
    });

    it('names a certificate file that holds no certificate', async () => {
      const dir = await tmp();
      const k = await createKeyPair(dir, { algorithm: 'rsa', commonName: 'x' });
      const bad = path.join(dir, 'bad.pem');
      await writeFile(bad, 'not a certificate\n');
      const e = await failure(loadSigner({ key: k.keyPath, cert: bad, env: {} }));
      expect(e.message).toBe(`--sign-cert ${bad}: no PEM certificate found`);
    });

    it('refuses a key that does not belong to the certificate', async () => {
      const a = await createKeyPair(await tmp(), { algorithm: 'ecdsa', commonName: 'a' });
      const b = await createKeyPair(await tmp(), { algorithm: 'ecdsa', commonName: 'b' });
      const e = await failure(loadSigner({ key: a.keyPath, cert: b.certPath, env: {} }));
      expect(e.message).toContain('does not match the certificate');
    });

    it('refuses an ECDSA key on a curve other than P-256', async () => {
      const pair = await opensslPair(await tmp(), ['ecparam', '-name', 'secp384r1', '-genkey', '-noout']);
      const e = await failure(loadSigner({ ...pair, env: {} }));
      expect(e.message).toContain('unsupported key type secp384r1');
    });
  });

  describe('when given a PKCS#12 file and the name of the variable holding its passphrase', () => {
    const passphrase = 'correct horse battery staple';
    async function p12(): Promise<string> {
      const dir = await tmp();
      const pair = await opensslPair(dir, ['genrsa', '2048']);
      const file = path.join(dir, 'signer.p12');
      await run(
        'openssl',
        ['pkcs12', '-export', '-inkey', pair.key, '-in', pair.cert, '-out', file, '-passout', 'env:P'],
        {
          env: { ...process.env, P: passphrase },
        },
      );
      await chmod(file, 0o600);
      return file;
    }

    it('reads the key and certificate with the passphrase from that variable', async () => {
      const signer = await loadSigner({
        p12: await p12(),
        passphraseEnv: 'SIGN_PASS',
        env: { SIGN_PASS: passphrase },
      });
      expect(signer.info).toMatchObject({ subject: 'CN=openssl made', algorithm: 'RSA' });
    });

    it('fails without revealing the passphrase when it is wrong', async () => {
      const file = await p12();
      const e = await failure(
        loadSigner({ p12: file, passphraseEnv: 'SIGN_PASS', env: { SIGN_PASS: 'wrong guess' } }),
      );
      expect(e.message).toBe(`${file}: cannot open the PKCS#12 file: wrong passphrase or damaged file`);
      expect(e.message).not.toContain('wrong guess');
    });

    it('names the variable when it is not set', async () => {
      const e = await failure(loadSigner({ p12: await p12(), passphraseEnv: 'SIGN_PASS', env: {} }));
      expect(e.message).toContain('environment variable SIGN_PASS');
    });
  });
});

describe('loadSigner when --sign-key and --sign-cert are swapped', () => {
  it('says the key file is a certificate and that the two look swapped', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-swap-'));
    const k = await createKeyPair(dir, { algorithm: 'ecdsa', commonName: 'x' });
    await expect(loadSigner({ key: k.certPath, cert: k.keyPath, env: {} })).rejects.toMatchObject({
      code: 'USAGE',
      message: `--sign-key ${k.certPath}: ${k.certPath} is a certificate, not a private key (--sign-key and --sign-cert look swapped)`,
    });
  });

  it('says the certificate file is a private key when only the certificate is wrong', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-swap-'));
    const k = await createKeyPair(dir, { algorithm: 'ecdsa', commonName: 'x' });
    await expect(loadSigner({ key: k.keyPath, cert: k.keyPath, env: {} })).rejects.toMatchObject({
      message: `--sign-cert ${k.keyPath}: ${k.keyPath} is a private key, not a certificate`,
    });
  });
});
