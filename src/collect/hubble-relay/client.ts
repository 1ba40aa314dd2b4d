// Hubble Relay live: Observer.GetFlows over gRPC for a time window, each response read as a Hubble flow and
// aggregated like a flow file. The only importer of @grpc/grpc-js and @grpc/proto-loader.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { AppError } from '../../model/errors.js';
import type { FlowObservations } from '../../model/flows.js';
import { PACKAGE_ROOT } from '../../version.js';
import { FlowAggregator } from '../flows/aggregate.js';
import { parseHubble } from '../flows/hubble.js';
import { MAX_NAMED_MALFORMED } from '../flows/read-file.js';
import { toPlain } from './plain.js';

export interface RelayOptions {
  /** HOST:PORT of Hubble Relay (its gRPC port, 4245 by default). */
  readonly address: string;
  /** PEM CA that signed the relay's server certificate; without it the connection is plaintext. */
  readonly caFile?: string;
  readonly since: Date;
  readonly until: Date;
  /** Give up after this long (the whole stream). */
  readonly timeoutMs?: number;
}

/** The subset protos (proto/hubble/), shipped with the package. */
export const PROTO_DIR = path.join(PACKAGE_ROOT, 'proto', 'hubble');

interface ObserverClient extends grpc.Client {
  GetFlows(req: object, opts: grpc.CallOptions): grpc.ClientReadableStream<Record<string, unknown>>;
}

async function observerClient(o: RelayOptions): Promise<ObserverClient> {
  const def = await protoLoader.load(path.join(PROTO_DIR, 'observer.proto'), {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: false,
    oneofs: false,
    includeDirs: [PROTO_DIR],
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    observer: { Observer: new (address: string, creds: grpc.ChannelCredentials) => ObserverClient };
  };
  let creds = grpc.credentials.createInsecure();
  if (o.caFile) {
    const ca = await readFile(o.caFile).catch((e: NodeJS.ErrnoException) => {
      throw new AppError('USAGE', `--hubble-ca ${o.caFile}: cannot read (${e.code ?? e.message})`);
    });
    creds = grpc.credentials.createSsl(ca);
  }
  return new pkg.observer.Observer(o.address, creds);
}

function timestamp(d: Date): { seconds: number; nanos: number } {
  const ms = d.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** Streams every flow of the window from Hubble Relay; unreachable relay = access error (exit 3). */
export async function readHubbleRelay(o: RelayOptions): Promise<FlowObservations> {
  const client = await observerClient(o);
  const agg = new FlowAggregator();
  const warnings: string[] = [];
  let records = 0;
  let malformed = 0;
  let other = 0;
  const where = `hubble-relay ${o.address}`;
  try {
    await new Promise<void>((resolve, reject) => {
      const call = client.GetFlows(
        { since: timestamp(o.since), until: timestamp(o.until) },
        { deadline: Date.now() + (o.timeoutMs ?? 600_000) },
      );
      call.on('data', (msg: Record<string, unknown>) => {
        records++;
        const r = parseHubble(toPlain(msg) as Record<string, unknown>);
        if (r.kind === 'flow') agg.add(r.flow);
        else if (r.kind === 'other') other++;
        else {
          malformed++;
          if (malformed <= MAX_NAMED_MALFORMED)
            warnings.push(`${where}: response ${records}: malformed flow: ${r.message}`);
        }
      });
      call.on('error', (e: grpc.ServiceError) => reject(e));
      call.on('end', () => resolve());
    });
  } catch (e) {
    const err = e as grpc.ServiceError;
    const code = grpc.status[err.code] ?? String(err.code);
    throw new AppError(
      'CLUSTER_ACCESS',
      `${where}: GetFlows failed (${code}: ${err.details || err.message})`,
      {
        cause: e,
      },
    );
  } finally {
    client.close();
  }
  if (malformed > MAX_NAMED_MALFORMED)
    warnings.push(`${where}: ${malformed - MAX_NAMED_MALFORMED} more malformed flows not named`);
  if (records - malformed - other === 0)
    warnings.push(`${where}: no flow in ${o.since.toISOString()} to ${o.until.toISOString()}`);
  return {
    sources: [
      {
        type: 'hubble-relay',
        address: o.address,
        since: o.since.toISOString(),
        until: o.until.toISOString(),
        records,
        malformed,
      },
    ],
    aggregates: agg.result(),
    records,
    malformed,
    otherEvents: other,
    warnings,
  };
}
