// One error family with codes; src/cli maps each code to the documented exit code.

export type ErrorCode =
  | 'USAGE' // bad flag or option
  | 'INPUT' // malformed manifest, snapshot, inventory, config, catalog
  | 'CLUSTER_ACCESS' // cannot reach, authenticate to or read the Kubernetes API
  | 'GIT_ACCESS' // cannot read or clone the Git repository
  | 'RENDER' // HTML/PDF rendering failed or no browser
  | 'SIGN' // signing or verification machinery failed
  | 'STORE' // cannot write the bundle
  | 'VERIFY_FAILED'; // a bundle did not verify

export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  USAGE: 2,
  INPUT: 2,
  CLUSTER_ACCESS: 3,
  GIT_ACCESS: 3,
  RENDER: 4,
  SIGN: 4,
  STORE: 4,
  VERIFY_FAILED: 5,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** A problem found while validating input, located by file, line and field path. */
export interface InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
}

export function formatProblem(p: InputProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where} ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** An INPUT error that lists every problem found, each with file, line and field. */
export class InputError extends AppError {
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[]) {
    super('INPUT', problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

/**
 * Runs `read` and names `flag` in front of any AppError it throws (each line of an InputError), so every
 * file problem says which option brought the file in ("--inventory: inv.yaml:14 vendors[2].name: ...").
 */
export async function namingFlag<T>(flag: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AppError && !e.message.startsWith('--'))
      e.message = e.message
        .split('\n')
        .map((l) => `${flag}: ${l}`)
        .join('\n');
    throw e;
  }
}
