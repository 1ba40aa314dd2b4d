// Calico objects for the rule tables, written as a user would write them (projectcalico.org/v3).
import type { Obj } from './helpers.js';

const V3 = 'projectcalico.org/v3';

export const cnp = (namespace: string, name: string, spec: Obj, apiVersion = V3): Obj => ({
  apiVersion,
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

export const gnp = (name: string, spec: Obj, apiVersion = V3): Obj => ({
  apiVersion,
  kind: 'GlobalNetworkPolicy',
  metadata: { name },
  spec,
});

export const tier = (name: string, spec: Obj): Obj => ({
  apiVersion: V3,
  kind: 'Tier',
  metadata: { name },
  spec,
});

export const globalSet = (name: string, labels: Record<string, string>, nets: string[]): Obj => ({
  apiVersion: V3,
  kind: 'GlobalNetworkSet',
  metadata: { name, labels },
  spec: { nets },
});

export const netSet = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  nets: string[],
): Obj => ({
  apiVersion: V3,
  kind: 'NetworkSet',
  metadata: { name, namespace, labels },
  spec: { nets },
});
