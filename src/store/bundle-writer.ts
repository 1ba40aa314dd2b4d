// The bundle folder is written to a temporary folder beside its target and renamed into place only when
// complete: a failed run leaves nothing behind and never touches earlier bundles.
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { onRunAbort } from '../model/abort.js';
import { AppError } from '../model/errors.js';

/** Folder-safe name of a cluster or source ("prod-eu/1" -> "prod-eu-1"). */
export function safeName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return s || 'cluster';
}

/** Bundle folder name for a time: "2026-01-15T10-00-00Z" (sortable, no colons). */
export function bundleFolderName(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

export interface StagedBundle {
  /** <out>/<cluster>: the folder that holds this cluster's bundles. */
  readonly clusterDir: string;
  /** The temporary folder files are written to. */
  readonly dir: string;
  /** The final folder name wanted (a suffix is added if it is taken). */
  readonly name: string;
}

/**
 * Refuses a folder below --out that is a symbolic link (someone with write access to the reports volume could
 * point a cluster folder elsewhere and have bundles written, or pruned, there); --out itself may be one.
 */
export async function assertNotSymlink(dir: string): Promise<void> {
  const s = await lstat(dir).catch(() => undefined);
  if (s?.isSymbolicLink())
    throw new AppError(
      'STORE',
      `${dir} is a symbolic link; bundles are only written to real folders below --out (point --out itself at the link's target if that is intended)`,
    );
}

/** Staged folders a stopped run removes (see model/abort.ts), by folder. */
const staging = new Map<string, () => void>();

export async function stageBundle(outDir: string, sourceName: string, at: Date): Promise<StagedBundle> {
  const clusterDir = path.resolve(outDir, safeName(sourceName));
  await assertNotSymlink(clusterDir);
  try {
    await mkdir(clusterDir, { recursive: true });
    const dir = await mkdtemp(path.join(clusterDir, '.partial-'));
    staging.set(
      dir,
      onRunAbort(() => rm(dir, { recursive: true, force: true })),
    );
    return { clusterDir, dir, name: bundleFolderName(at) };
  } catch (e) {
    throw new AppError(
      'STORE',
      `cannot create the bundle folder under ${clusterDir}: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** The file's place in the staged folder; a path that would leave it is refused. */
function insideBundle(staged: StagedBundle, relPath: string): string {
  if (relPath.startsWith('/') || relPath.split('/').includes('..'))
    throw new AppError('STORE', `refusing to write outside the bundle: ${relPath}`);
  return path.join(staged.dir, ...relPath.split('/'));
}

/** Writes one file of the bundle (creating sub-folders); paths are relative and '/'-separated. */
export async function writeBundleFile(
  staged: StagedBundle,
  relPath: string,
  data: string | Uint8Array,
): Promise<void> {
  const full = insideBundle(staged, relPath);
  try {
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, data, { flag: 'wx' });
  } catch (e) {
    throw new AppError('STORE', `cannot write ${relPath}: ${(e as Error).message}`, { cause: e });
  }
}

/** fsync of a file or folder (opened read-only, which is enough for fsync on Linux). */
async function syncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Every file and folder of the staged bundle reaches the disk before the rename that publishes it. */
async function syncTree(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await syncTree(p);
    else if (e.isFile()) await syncPath(p);
  }
  await syncPath(dir);
}

/**
 * Renames the staged folder into place; never replaces an existing bundle (adds "-2", "-3", ...). The files
 * and folders are fsynced first and the cluster folder after, so a crash never publishes a half-written bundle.
 */
export async function commitBundle(staged: StagedBundle): Promise<string> {
  try {
    await syncTree(staged.dir);
  } catch (e) {
    throw new AppError('STORE', `cannot flush the bundle to disk: ${(e as Error).message}`, { cause: e });
  }
  for (let n = 1; n < 1000; n++) {
    const target = path.join(staged.clusterDir, n === 1 ? staged.name : `${staged.name}-${n}`);
    try {
      await mkdir(target); // claims the name atomically; rename over an empty folder is atomic on POSIX
      await rename(staged.dir, target);
      staging.get(staged.dir)?.();
      staging.delete(staged.dir);
      await syncPath(staged.clusterDir);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new AppError('STORE', `cannot move the bundle into place at ${target}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }
  throw new AppError('STORE', `too many bundles named ${staged.name} in ${staged.clusterDir}`);
}

/** Removes a staged folder after a failure (best effort: the failure being reported matters more). */
export async function discardBundle(staged: StagedBundle): Promise<void> {
  await rm(staged.dir, { recursive: true, force: true });
  staging.get(staged.dir)?.();
  staging.delete(staged.dir);
  // A cluster folder this run created and left empty goes too (rmdir refuses a folder with earlier bundles).
  await rmdir(staged.clusterDir).catch(() => undefined);
}

/** Writes a large file of the bundle chunk by chunk (a list too big for one string). */
export async function writeBundleChunks(
  staged: StagedBundle,
  relPath: string,
  chunks: Iterable<string>,
): Promise<void> {
  const full = insideBundle(staged, relPath);
  try {
    await mkdir(path.dirname(full), { recursive: true });
    await pipeline(Readable.from(chunks), createWriteStream(full));
  } catch (e) {
    throw new AppError('STORE', `cannot write ${relPath}: ${(e as Error).message}`, { cause: e });
  }
}
