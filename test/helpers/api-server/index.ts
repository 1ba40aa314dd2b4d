// The loopback test Kubernetes API server: start it with raw objects, point a kubeconfig at it.
export { startApiServer } from './server.js';
export type {
  ApiServer,
  ApiServerOptions,
  Fault,
  KubeconfigOptions,
  RawObject,
  RequestRecord,
} from './server.js';
export { makeServerCerts, type ServerCerts } from './certs.js';
export type { EphemeralOptions, EphemeralRecord } from './ephemeral.js';
