import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file so that readers (and a crash) see either the previous state or the complete
 * new content, never a torn key or CRL: temp file in the same directory, fsync, then rename
 * (overwrite) or hard-link (no overwrite: fails with EEXIST even if another process raced us).
 * The mode is applied with fchmod because open()'s mode is filtered by the umask.
 * @throws the fs error (EEXIST when `overwrite` is false and the file exists); the temp file
 *   is removed in every case.
 */
export function writeFileAtomic(
  path: string,
  data: string,
  mode: number,
  opts: { overwrite: boolean },
): void {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const fd = openSync(tmp, 'wx', mode)
    try {
      fchmodSync(fd, mode)
      writeFileSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (opts.overwrite) renameSync(tmp, path)
    else linkSync(tmp, path)
  } finally {
    rmSync(tmp, { force: true })
  }
  syncDir(dir)
}

/** Makes the rename/link itself durable; without it a power cut can forget the new name. */
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads a UTF-8 file, turning ENOENT into an Error that names what is missing.
 * @throws Error(`<what> not found: <path>`) when missing; other fs errors unchanged.
 */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${what} not found: ${path}`, { cause: err })
    }
    throw err
  }
}
