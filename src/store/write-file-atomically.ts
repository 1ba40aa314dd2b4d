// A single output file (a snapshot, a connlist, a diff, chain-anchor.json) written beside its target and
// renamed, so a failed run never leaves half a file or replaces a good one. The temporary file has a random
// name and is created with O_CREAT|O_EXCL, so a symlink planted at a predictable name is never followed; the
// rename replaces a symlink at the target itself, never the file it points to.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors.js';

export async function writeFileAtomically(file: string, text: string | Uint8Array): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(8).toString('hex')}.partial`,
  );
  let created = false;
  try {
    const fh = await open(tmp, 'wx', 0o644);
    created = true;
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    if (created) await rm(tmp, { force: true });
    throw new AppError('STORE', `cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}
