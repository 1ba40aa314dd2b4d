// A throwaway CA and a server certificate for 127.0.0.1, made with the openssl CLI (as an admin would).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerCerts {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA (EC P-256, one day) and a server certificate it signs, valid for 127.0.0.1, ::1 and localhost. */
export function makeServerCerts(commonName = 'kube-apiserver'): ServerCerts {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npe-certs-'));
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(dir, [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '1',
      '-subj',
      '/CN=test-kubernetes-ca',
    ]);
    openssl(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${commonName}`]);
    writeFileSync(
      path.join(dir, 'ext.cnf'),
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n',
    );
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '1',
      '-extfile',
      'ext.cnf',
    ]);
    const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
    return { caPem: read('ca.crt'), certPem: read('server.crt'), keyPem: read('server.key') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
