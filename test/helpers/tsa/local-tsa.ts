// A real RFC 3161 Time-Stamping Authority on 127.0.0.1: a tiny HTTP server that hands each request to
// `openssl ts -reply` with a TSA key and certificate made by openssl in a temp folder.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LocalTsa {
  url: string;
  /** The TSA's certificate (PEM), the trust anchor for `openssl ts -verify -CAfile`. */
  certPath: string;
  requests: number;
  close(): Promise<void>;
}

function config(dir: string): string {
  return `[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = ${dir}
serial = ${dir}/serial
crypto_device = builtin
signer_cert = ${dir}/tsa.crt
certs = ${dir}/tsa.crt
signer_key = ${dir}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

async function makeTsaFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-tsa-'));
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    path.join(dir, 'tsa.key'),
    '-out',
    path.join(dir, 'tsa.crt'),
    '-days',
    '30',
    '-subj',
    '/O=netpol-evidence tests/CN=Local Test TSA',
    '-addext',
    'extendedKeyUsage=critical,timeStamping',
    '-addext',
    'keyUsage=critical,digitalSignature',
  ]);
  await writeFile(path.join(dir, 'serial'), '01\n');
  await writeFile(path.join(dir, 'tsa.cnf'), config(dir));
  return dir;
}

/** Starts the TSA; callers close() it in afterAll. */
export async function startLocalTsa(): Promise<LocalTsa> {
  const dir = await makeTsaFolder();
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = ++n;
      const query = path.join(dir, `q${id}.tsq`);
      const reply = path.join(dir, `r${id}.tsr`);
      writeFile(query, Buffer.concat(chunks))
        .then(() =>
          run('openssl', [
            'ts',
            '-reply',
            '-config',
            path.join(dir, 'tsa.cnf'),
            '-queryfile',
            query,
            '-out',
            reply,
          ]),
        )
        .then(() => readFile(reply))
        .then((body) => {
          tsa.requests++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
        })
        .catch((e: unknown) => res.writeHead(500).end(String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: LocalTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    certPath: path.join(dir, 'tsa.crt'),
    requests: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return tsa;
}
