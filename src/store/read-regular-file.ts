// Files of a bundle are read as untrusted input: only regular files, never through a symbolic link, never
// waiting on a FIFO or a device someone put in a listed file's place, and never for longer than a bound.
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Default bound on one file read (a regular file on a local disk reads in a fraction of it). */
export const READ_TIMEOUT_MS = 120_000;

/** A path that exists but is not a regular file (a FIFO, a device, a socket, a folder or a symlink). */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {
    super(`${file}: not a regular file (${kind})`);
    this.name = 'NotRegularFileError';
  }
}

/** What a non-regular directory entry is, in words. */
export function fileKind(s: Stats): string {
  if (s.isFile()) return 'regular file';
  if (s.isDirectory()) return 'folder';
  if (s.isSymbolicLink()) return 'symbolic link';
  if (s.isFIFO()) return 'FIFO';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  return 'special file';
}

/** Opens a regular file for reading: O_NOFOLLOW (a symlink is refused), O_NONBLOCK (a FIFO does not block). */
export async function openRegularFile(file: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new NotRegularFileError(file, 'symbolic link');
    if (code === 'ENXIO') throw new NotRegularFileError(file, 'socket or FIFO without a writer');
    throw e;
  }
  const s = await fh.stat().catch(async (e: unknown) => {
    await fh.close();
    throw e;
  });
  if (!s.isFile()) {
    await fh.close();
    throw new NotRegularFileError(file, fileKind(s));
  }
  return fh;
}

/** Runs `work` on the open file, failing with ETIMEDOUT (and closing the file) when it takes too long. */
export async function withRegularFile<T>(
  file: string,
  work: (fh: FileHandle) => Promise<T>,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<T> {
  const fh = await openRegularFile(file);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new Error(`${file}: reading took longer than ${timeoutMs} ms`) as NodeJS.ErrnoException;
      e.code = 'ETIMEDOUT';
      reject(e);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(fh), timeout]);
  } finally {
    clearTimeout(timer);
    await fh.close().catch(() => undefined);
  }
}

/** The whole file, if it is a regular file; see openRegularFile. */
export function readRegularFile(file: string, timeoutMs = READ_TIMEOUT_MS): Promise<Buffer> {
  return withRegularFile(file, (fh) => fh.readFile(), timeoutMs);
}
