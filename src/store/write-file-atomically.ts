// A single output file (a snapshot, a connlist, a diff) written beside its target and renamed, so a failed
// run never leaves half a file or replaces a good one.
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors.js';

export async function writeFileAtomically(file: string, text: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new AppError('STORE', `cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}
