// Who the tool authenticated as: the API server's SelfSubjectReview (authentication.k8s.io/v1, GA in 1.28).
import type { AuthenticatedIdentity } from '../../model/snapshot.js';
import { isRecord } from '../objects/raw.js';
import type { ApiClient } from './http.js';

const PATH = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

/**
 * Asks the API server who the credentials belong to, so the evidence names the identity that read the
 * cluster. Every authenticated user may create it (ClusterRole system:basic-user); a refusal or an older
 * server is recorded as `unavailable`, never a failed run.
 */
export async function selfIdentity(api: ApiClient): Promise<AuthenticatedIdentity> {
  const res = await api.post(PATH, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  const info =
    isRecord(res.body) && isRecord(res.body.status) && isRecord(res.body.status.userInfo)
      ? res.body.status.userInfo
      : undefined;
  if ((res.status !== 201 && res.status !== 200) || !info)
    return { unavailable: `SelfSubjectReview answered HTTP ${res.status}` };
  const groups = Array.isArray(info.groups) ? info.groups.filter((g) => typeof g === 'string') : [];
  return {
    ...(typeof info.username === 'string' ? { username: info.username } : {}),
    ...(typeof info.uid === 'string' && info.uid ? { uid: info.uid } : {}),
    groups: [...groups].sort(),
  };
}
