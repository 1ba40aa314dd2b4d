// Test material made by real tools: keys and certificates by openssl, PDFs by Chromium, bundles by our code.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer';
import {
  buildManifest,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  serializeManifest,
  signPdf,
  type Signer,
} from '../../../src/sign/index.js';
import { findPreviousBundle } from '../../../src/sign/index.js';

export const run = promisify(execFile);
export const signingTime = new Date('2026-01-15T10:00:00Z');

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `npe-${prefix}-`));
}

/** A real Chromium-made PDF, as the report pipeline produces them. */
export async function chromiumPdf(html = '<h1>x</h1>'): Promise<Uint8Array> {
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    return new Uint8Array(await page.pdf());
  } finally {
    await browser.close();
  }
}

/** A CA and a leaf it issued (openssl), for chain tests: returns PEM paths; key file mode 0600. */
export async function caAndLeaf(
  dir: string,
  algorithm: 'rsa' | 'ecdsa',
): Promise<{ caCert: string; key: string; cert: string }> {
  await mkdir(dir, { recursive: true });
  const newkey =
    algorithm === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  const p = (n: string): string => path.join(dir, n);
  await run('openssl', [
    'req',
    '-x509',
    ...newkey,
    '-nodes',
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '3650',
    '-subj',
    '/O=Example Audit CA/CN=Example Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  await run('openssl', [
    'req',
    ...newkey,
    '-nodes',
    '-keyout',
    p('key.pem'),
    '-out',
    p('leaf.csr'),
    '-subj',
    '/O=Example/CN=netpol-evidence signer',
  ]);
  await writeFile(
    p('leaf.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('leaf.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('cert.pem'),
    '-days',
    '3650',
    '-extfile',
    p('leaf.ext'),
  ]);
  await chmod(p('key.pem'), 0o600);
  return { caCert: p('ca.pem'), key: p('key.pem'), cert: p('cert.pem') };
}

/** The time a bundle folder name stands for ("2026-01-15T10-00-00Z" -> 2026-01-15T10:00:00Z). */
export function timeOfName(name: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z/.exec(name);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`) : signingTime;
}

/**
 * Writes one signed bundle (report.pdf, snapshot.json, data/findings.json) linked to the previous one, made at
 * the time its folder name stands for by the source its cluster folder is named after (as bundle-writer does).
 */
export async function writeBundle(
  clusterDir: string,
  name: string,
  signer: Signer,
  pdf: Uint8Array,
  at: Date = timeOfName(name),
  tsaUrl?: string,
): Promise<string> {
  const stamp = tsaUrl ? { tsaUrl } : {};
  const dir = path.join(clusterDir, name);
  await mkdir(path.join(dir, 'data'), { recursive: true });
  const snapshot = JSON.stringify({ run: name });
  await writeFile(path.join(dir, 'snapshot.json'), snapshot);
  await writeFile(path.join(dir, 'data', 'findings.json'), JSON.stringify([{ id: `F-${name}` }]));
  await writeFile(
    path.join(dir, 'report.pdf'),
    await signPdf(pdf, signer, { signingTime: at, reason: 'Compliance evidence', ...stamp }),
  );
  const prev = await findPreviousBundle(clusterDir, name);
  const manifest = await buildManifest(dir, {
    bundleId: name,
    createdAt: at.toISOString(),
    toolVersion: '0.1.0',
    source: { type: 'manifests', name: path.basename(clusterDir) },
    snapshotSha256: 'f'.repeat(64),
    previous: prev ? { bundleId: prev.bundleId, manifestSha256: prev.manifestSha256 } : null,
  });
  const bytes = serializeManifest(manifest);
  await writeFile(path.join(dir, MANIFEST_FILE), bytes);
  await writeFile(
    path.join(dir, MANIFEST_SIGNATURE_FILE),
    await signer.signDetached(bytes, { signingTime: at, ...stamp }),
  );
  return dir;
}
