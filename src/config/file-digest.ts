// SHA-256 of an input file as read from disk, so the evidence names exactly the bytes a run used.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../model/errors.js';

export async function fileSha256(file: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch (e) {
    throw new AppError('INPUT', `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: e,
    });
  }
}
