// The CronJob's init container copies the signing Secret into an in-memory volume, because Kubernetes
// makes Secret files root-owned (0400 unreadable to uid 10001) or, with fsGroup, 0440 (refused by the
// signer). This runs its script, as written in deploy/cronjob.yaml, on a folder laid out like a Secret
// volume (files behind the ..data symlink, mode 0440) and loads the copy with the real signer.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rename, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { createKeyPair, loadSigner } from '../../../src/sign/index.js';
import { repoRoot } from '../../helpers/paths.js';

const run = promisify(execFile);
const SECRET_MOUNT = '/var/run/netpol-evidence/signing-secret';
const KEY_MOUNT = '/etc/netpol-evidence/signing';

/** A folder as the kubelet writes a Secret volume: <dir>/..data/<files>, and <dir>/<file> -> ..data/<file>. */
async function secretVolume(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-secret-'));
  const data = path.join(dir, '..2026_01_15_10_00_00.000000001');
  await mkdir(data);
  for (const [name, from] of Object.entries(files)) {
    await rename(from, path.join(data, name));
    await chmod(path.join(data, name), 0o440);
  }
  await symlink(path.basename(data), path.join(dir, '..data'));
  for (const name of Object.keys(files)) await symlink(path.join('..data', name), path.join(dir, name));
  return dir;
}

async function initScript(): Promise<{ command: string[]; script: string }> {
  const cron = parse(await readFile(path.join(repoRoot, 'deploy', 'cronjob.yaml'), 'utf8'));
  const init = cron.spec.jobTemplate.spec.template.spec.initContainers[0];
  return { command: init.command, script: init.args[0] };
}

describe('the CronJob’s signing-key init container', () => {
  it('copies the key owner-only (0400) and the certificate world-readable, and the signer accepts the copy', async () => {
    const made = await createKeyPair(await mkdtemp(path.join(os.tmpdir(), 'npe-keys-')), {
      algorithm: 'ec',
    } as never);
    const secret = await secretVolume({ 'key.pem': made.keyPath, 'cert.pem': made.certPath });
    const target = await mkdtemp(path.join(os.tmpdir(), 'npe-keycopy-'));
    const { command, script } = await initScript();
    expect(command).toEqual(['/bin/sh', '-c']);
    expect(script).toContain(SECRET_MOUNT);
    expect(script).toContain(KEY_MOUNT);
    await run('/bin/sh', ['-c', script.split(SECRET_MOUNT).join(secret).split(KEY_MOUNT).join(target)]);
    const mode = async (f: string): Promise<number> => (await stat(path.join(target, f))).mode & 0o777;
    expect(await mode('key.pem')).toBe(0o400);
    expect(await mode('cert.pem')).toBe(0o444);
    const signer = await loadSigner({
      key: path.join(target, 'key.pem'),
      cert: path.join(target, 'cert.pem'),
      env: {},
    });
    expect(signer.info.algorithm).toBe('ECDSA-P256');
  });

  it('is needed: the signer refuses the key as a Secret volume with fsGroup presents it (0440)', async () => {
    const made = await createKeyPair(await mkdtemp(path.join(os.tmpdir(), 'npe-keys-')), {
      algorithm: 'ec',
    } as never);
    const secret = await secretVolume({ 'key.pem': made.keyPath, 'cert.pem': made.certPath });
    const err = await loadSigner({
      key: path.join(secret, 'key.pem'),
      cert: path.join(secret, 'cert.pem'),
      env: {},
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/readable by group or others \(mode 440\)/);
  });
});
