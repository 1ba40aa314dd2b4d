import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { loadManifests } from '../../../src/collect/manifests/load-manifests.js';
import { fixedClock, repoRoot } from '../../helpers/paths.js';
import { startDiscoveryServer, type DiscoveryServer } from './discovery-server.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const run = promisify(execFile);
const deployDir = path.join(repoRoot, 'deploy');

/** Runs kubectl with `input` on stdin, with no user kubeconfig. */
function kubectl(
  args: string[],
  input: string,
  home: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, {
      env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: path.join(home, 'none') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

let rendered: string;
let objects: Obj[];
let home: string;
const byKind = (kind: string): Obj[] => objects.filter((o) => o.kind === kind);
const one = (kind: string): Obj => {
  const found = byKind(kind);
  expect(found).toHaveLength(1);
  return found[0] as Obj;
};

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'npe-kubectl-'));
  rendered = (await run('kubectl', ['kustomize', deployDir], { env: { ...process.env, HOME: home } })).stdout;
  objects = parseAllDocuments(rendered).map((d) => d.toJS() as Obj);
});

describe('deploy/ (kustomize)', () => {
  describe('when rendered with kubectl kustomize', () => {
    it('holds exactly the objects a scheduled run needs, namespaced objects in netpol-evidence', () => {
      expect(objects.map((o) => o.kind).sort()).toEqual(
        [
          'ClusterRole',
          'ClusterRoleBinding',
          'ConfigMap',
          'CronJob',
          'Namespace',
          'NetworkPolicy',
          'PersistentVolumeClaim',
          'ServiceAccount',
        ].sort(),
      );
      for (const o of objects.filter(
        (x) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(x.kind),
      ))
        expect([o.kind, o.metadata.namespace]).toEqual([o.kind, 'netpol-evidence']);
    });

    it('decodes with kubectl create --dry-run=client --validate=false (kinds mapped by a loopback discovery server)', async () => {
      let server: DiscoveryServer | undefined;
      try {
        server = await startDiscoveryServer();
        const r = await kubectl(
          [
            'create',
            '--dry-run=client',
            '--validate=false',
            `--server=${server.url}`,
            '-f',
            '-',
            '-o',
            'name',
          ],
          rendered,
          home,
        );
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split('\n')).toHaveLength(objects.length);
      } finally {
        await server?.close();
      }
    });

    it('binds the ClusterRole of deploy/rbac to the service account the CronJob runs as', () => {
      const binding = one('ClusterRoleBinding');
      const job = one('CronJob').spec.jobTemplate.spec.template.spec;
      expect(binding.roleRef).toEqual({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: one('ClusterRole').metadata.name,
      });
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: job.serviceAccountName, namespace: 'netpol-evidence' },
      ]);
      expect(one('ServiceAccount').metadata.name).toBe(job.serviceAccountName);
      for (const rule of one('ClusterRole').rules) expect(rule.verbs).toEqual(['get', 'list']);
    });
  });

  describe('the CronJob', () => {
    const spec = (): Obj => one('CronJob').spec;
    const pod = (): Obj => spec().jobTemplate.spec.template.spec;

    it('runs once a day, never twice at once, with bounded history and retries', () => {
      const s = spec();
      expect(s.schedule).toMatch(/^\d+ \d+ \* \* \*$/);
      expect(s.concurrencyPolicy).toBe('Forbid');
      expect(s.startingDeadlineSeconds).toBeGreaterThan(0);
      expect(s.successfulJobsHistoryLimit).toBeGreaterThan(0);
      expect(s.failedJobsHistoryLimit).toBeGreaterThan(0);
      expect(s.jobTemplate.spec.backoffLimit).toBeGreaterThanOrEqual(0);
      expect(pod().restartPolicy).toBe('Never');
    });

    it('hardens every container: non-root, read-only root, no escalation, no capabilities, RuntimeDefault seccomp', () => {
      const p = pod();
      expect(p.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(p.securityContext.runAsUser).toBeGreaterThan(0);
      const containers: Obj[] = [...(p.initContainers ?? []), ...p.containers];
      expect(containers.length).toBeGreaterThan(0);
      for (const c of containers) {
        expect([c.name, c.securityContext]).toEqual([
          c.name,
          {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
        ]);
        expect(c.resources.requests).toBeDefined();
        expect(c.resources.limits).toBeDefined();
      }
    });

    it('mounts a size-limited /tmp, the reports claim, the generated config and the signing key where config.yaml expects them', async () => {
      const p = pod();
      const report = p.containers.find((c: Obj) => c.name === 'report');
      const volume = (mountPath: string): Obj => {
        const m = report.volumeMounts.find((x: Obj) => x.mountPath === mountPath);
        expect(m).toBeDefined();
        return p.volumes.find((v: Obj) => v.name === m.name);
      };
      expect(volume('/tmp').emptyDir.sizeLimit).toBeDefined();
      expect(volume('/var/lib/netpol-evidence/reports').persistentVolumeClaim.claimName).toBe(
        one('PersistentVolumeClaim').metadata.name,
      );
      const cm = one('ConfigMap');
      expect(volume('/etc/netpol-evidence/config.yaml').configMap.name).toBe(cm.metadata.name);
      expect(cm.data['config.yaml']).toBe(await readFile(path.join(deployDir, 'config.yaml'), 'utf8'));
      expect(report.args).toEqual(['report', '--config', '/etc/netpol-evidence/config.yaml']);
      expect(
        report.volumeMounts.find((m: Obj) => m.mountPath === '/etc/netpol-evidence/signing').readOnly,
      ).toBe(true);
      const secret = p.volumes.find((v: Obj) => v.secret).secret;
      expect(secret.defaultMode).toBe(0o400);
      const config = cm.data['config.yaml'] as string;
      expect(config).toMatch(/^sign-key: \/etc\/netpol-evidence\/signing\//m);
      expect(config).toMatch(/^out: \/var\/lib\/netpol-evidence\/reports$/m);
    });
  });

  describe('the job’s own NetworkPolicy', () => {
    it('is read by our manifest loader without problems, denies all ingress and allows egress only to API server, DNS, locker and Hubble Relay', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-deploy-'));
      await writeFile(path.join(dir, 'rendered.yaml'), rendered);
      const snapshot = await loadManifests({ paths: [dir], now: fixedClock });
      expect(snapshot.networkPolicies).toHaveLength(1);
      const np = snapshot.networkPolicies[0];
      expect(np?.namespace).toBe('netpol-evidence');
      expect(np?.spec.podSelector).toEqual({});
      expect(np?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(np?.spec.ingress ?? []).toEqual([]);
      const egress = (np?.spec.egress ?? []).map((r) => ({
        to: r.to?.map((t) => t.ipBlock?.cidr ?? `pods ${JSON.stringify(t.podSelector?.matchLabels)}`),
        ports: r.ports?.map((p) => `${p.protocol}/${p.port}`),
      }));
      expect(egress).toEqual([
        { to: ['192.0.2.10/32'], ports: ['TCP/443', 'TCP/6443'] },
        { to: ['pods {"k8s-app":"kube-dns"}'], ports: ['UDP/53', 'TCP/53'] },
        { to: ['198.51.100.20/32'], ports: ['TCP/443', 'TCP/22'] },
        { to: ['pods {"k8s-app":"hubble-relay"}'], ports: ['TCP/4245'] },
      ]);
      expect(snapshot.warnings.filter((w) => /networkpolic/i.test(JSON.stringify(w)))).toEqual([]);
    });
  });
});
