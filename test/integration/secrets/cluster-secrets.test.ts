// Credentials must not leak into evidence, reports or logs: a kubeconfig whose server URL carries
// user:password, and API error bodies that echo a bearer token, against the loopback API server and the
// built CLI (a real process, its stdout, stderr and every file it writes).
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApiServer, type ApiServer } from '../../helpers/api-server/index.js';
import { sampleCluster } from '../../helpers/api-server/sample-cluster.js';
import { runBuiltCli } from '../../helpers/cli.js';

const SLOW = 120_000;
const PASSWORD = 'pa55-w0rd-in-the-url';
const TOKEN_ECHO = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJl';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer({ objects: sampleCluster() });
});
afterAll(async () => {
  await server.close();
});

async function everyFile(dir: string): Promise<string> {
  let text = '';
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) text += await readFile(path.join(e.parentPath ?? dir, e.name), 'latin1');
  }
  return text;
}

describe('a kubeconfig whose server URL carries user:password', () => {
  it(
    'collects, and the password is in no file of the bundle, nor in stdout or stderr',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-secret-'));
      const withUser = server.url.replace('https://', `https://auditor:${PASSWORD}@`);
      const kubeconfig = await server.kubeconfigPath(dir, { server: withUser });
      const out = path.join(dir, 'out');
      const r = await runBuiltCli(
        ['report', '--kubeconfig', kubeconfig, '--unsigned', '--formats', 'json,csv,html', '--out', out],
        { env: { NETPOL_EVIDENCE_LOG_FORMAT: 'json' } },
      );
      expect(r.code).toBe(0);
      const written = await everyFile(out);
      expect(written).toContain(server.url);
      expect(written).not.toContain(PASSWORD);
      expect(written).not.toContain('auditor:');
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    },
    SLOW,
  );

  it(
    'an error names the server without the password, and a 401 body echoing a bearer token is redacted',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-secret-err-'));
      const withUser = server.url.replace('https://', `https://auditor:${PASSWORD}@`);
      const kubeconfig = await server.kubeconfigPath(dir, { server: withUser });
      server.faults.push({
        path: '/api/v1/namespaces',
        status: 401,
        message: `upstream rejected Authorization: Bearer ${server.token} (token ${TOKEN_ECHO}) from https://admin:hunter2@10.0.0.1/x`,
      });
      try {
        const r = await runBuiltCli(['snapshot', '--kubeconfig', kubeconfig, '-o', path.join(dir, 's.json')]);
        expect(r.code).toBe(3);
        expect(r.stderr).toContain('HTTP 401');
        expect(r.stderr).toContain('Bearer [redacted]');
        for (const secret of [PASSWORD, server.token, TOKEN_ECHO, 'hunter2', 'admin:'])
          expect(r.stderr + r.stdout).not.toContain(secret);
      } finally {
        server.faults.length = 0;
      }
    },
    SLOW,
  );
});
