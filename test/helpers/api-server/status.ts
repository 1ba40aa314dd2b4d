// meta/v1 Status bodies as kube-apiserver writes them for errors.

export interface StatusBody {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, unknown>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
  readonly code: number;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/** The message the API server gives for `code` on a list of `resource` in `group`. */
export function defaultMessage(code: number, resource: string, group: string): string {
  switch (code) {
    case 401:
      return 'Unauthorized';
    case 403:
      return (
        `${resource} is forbidden: User "system:serviceaccount:netpol-evidence:collector" cannot list ` +
        `resource "${resource}" in API group "${group}" at the cluster scope`
      );
    case 404:
      return 'the server could not find the requested resource';
    case 410:
      return (
        'The provided continue parameter is too old to display a consistent list result. You can start a new ' +
        'list without the continue parameter.'
      );
    case 429:
      return 'Too many requests, please try again later.';
    default:
      return 'Internal error occurred: etcdserver: request timed out';
  }
}

export function statusBody(code: number, message: string, details?: Record<string, unknown>): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: REASONS[code] ?? 'Unknown',
    ...(details ? { details } : {}),
    code,
  };
}
