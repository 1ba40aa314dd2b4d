// A loopback Hubble Relay: a real gRPC server (grpc-js) implementing observer.Observer/GetFlows from the
// subset protos, streaming the responses a test gives it and recording each request.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { repoRoot } from '../paths.js';

export interface RelayServer {
  readonly address: string;
  readonly requests: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface RelayBehaviour {
  /** GetFlowsResponse objects (proto field names; Timestamps as {seconds, nanos}). */
  readonly responses?: readonly Record<string, unknown>[];
  /** Fail the call with this status instead. */
  readonly fail?: grpc.status;
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
}

export async function startHubbleRelay(b: RelayBehaviour): Promise<RelayServer> {
  const dir = path.join(repoRoot, 'proto', 'hubble');
  const def = await protoLoader.load(path.join(dir, 'observer.proto'), {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: false,
    includeDirs: [dir],
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    observer: { Observer: { service: grpc.ServiceDefinition } };
  };
  const requests: Record<string, unknown>[] = [];
  const server = new grpc.Server();
  server.addService(pkg.observer.Observer.service, {
    GetFlows: (call: grpc.ServerWritableStream<Record<string, unknown>, Record<string, unknown>>) => {
      requests.push(call.request);
      if (b.fail !== undefined) {
        call.emit('error', { code: b.fail, details: 'relay says no' });
        return;
      }
      for (const r of b.responses ?? []) call.write(r);
      call.end();
    },
  });
  const creds = b.tls
    ? grpc.ServerCredentials.createSsl(null, [{ private_key: b.tls.key, cert_chain: b.tls.cert }])
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', creds, (e, p) => (e ? reject(e) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
