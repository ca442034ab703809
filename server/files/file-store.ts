import { createHash, createHmac } from 'node:crypto'
import { constants } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { randomToken } from '../crypto/master-key.js'
import { BlobFormatError, openBlob, sealBlob } from './blob-format.js'

/** Where and with which keys attachments are kept: <dataDir>/files, keys from the master key. */
export interface FileStore {
  dir: string
  /** The key id new files are sealed with. */
  keyId: string
  /** Every key id that may still be found in a header (old ones stay after a rotation). */
  keys: Readonly<Record<string, Buffer>>
  maxBytes: number
}

export const CURRENT_FILE_KEY_ID = 'files-v1'

/** The store of a data directory; `filesKey` is `deriveKey(master, 'files')`. */
export function fileStoreFor(dataDir: string, filesKey: Buffer, maxBytes: number): FileStore {
  return {
    dir: path.join(dataDir, 'files'),
    keyId: CURRENT_FILE_KEY_ID,
    keys: { [CURRENT_FILE_KEY_ID]: filesKey },
    maxBytes,
  }
}

/** Thrown when a stored file is missing, altered, or does not match its recorded hash. */
export class FileIntegrityError extends Error {
  override name = 'FileIntegrityError'
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError'
}

export interface WrittenBlob {
  address: string
  sha256: string
  size: number
  keyId: string
  /** False when the same content was already stored (content addressing). */
  created: boolean
}

/**
 * The blob's name: a keyed hash of the plaintext hash, so equal files share one blob while
 * the folder listing reveals nothing (a bare SHA-256 would confirm a guessed document).
 */
function addressOf(store: FileStore, sha256: string): string {
  return createHmac('sha256', store.keys[store.keyId]!).update(`address\n${sha256}`).digest('hex')
}

export function blobPath(store: FileStore, address: string): string {
  return path.join(store.dir, address.slice(0, 2), address)
}

// Writes wait while a sweep of their store runs (file-sweep.ts): it removes blobs no row
// names, which a write racing it could be about to record (or find and reuse).
const sweeps = new Map<string, Promise<void>>()

/** Makes writes to the store at `dir` that start from now on wait until `sweep` settles. */
export function holdWritesDuring(dir: string, sweep: Promise<unknown>): void {
  const key = path.resolve(dir)
  const held: Promise<void> = Promise.allSettled([sweeps.get(key), sweep])
    .then(() => undefined)
    .finally(() => {
      if (sweeps.get(key) === held) sweeps.delete(key)
    })
  sweeps.set(key, held)
}

/**
 * Encrypts and writes `data` atomically (temp file, fsync, rename, fsync of the folder), or
 * finds the blob already there.
 * @throws FileTooLargeError over `maxBytes`; file-system errors as they come.
 */
export async function writeBlob(store: FileStore, data: Buffer): Promise<WrittenBlob> {
  if (data.length > store.maxBytes) throw new FileTooLargeError(`file of ${data.length} bytes`)
  await sweeps.get(path.resolve(store.dir))
  const sha256 = createHash('sha256').update(data).digest('hex')
  const address = addressOf(store, sha256)
  const target = blobPath(store, address)
  const base = { address, sha256, size: data.length, keyId: store.keyId }
  if (await exists(target)) return { ...base, created: false }
  const tmpDir = path.join(store.dir, 'tmp')
  await mkdir(tmpDir, { recursive: true, mode: 0o700 })
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
  const tmp = path.join(tmpDir, `${randomToken(12)}.part`)
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  try {
    try {
      await handle.writeFile(sealBlob(data, store.keyId, store.keys[store.keyId]!, address))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, target)
    await syncDir(path.dirname(target))
  } catch (err) {
    // A full disk fails the write half-way: no partial temp file may stay behind.
    await rm(tmp, { force: true })
    throw err
  }
  return { ...base, created: true }
}

/**
 * Reads, decrypts and checks a blob against the hash and size recorded for it.
 * @throws FileIntegrityError when missing, altered, sealed with an unknown key, or mismatched.
 */
export async function readBlob(
  store: FileStore,
  expected: { address: string; sha256: string; size: number },
): Promise<Buffer> {
  let blob: Buffer
  try {
    blob = await readFile(blobPath(store, expected.address))
  } catch {
    throw new FileIntegrityError(`file ${expected.address.slice(0, 12)} is missing`)
  }
  let data: Buffer
  try {
    data = openBlob(blob, store.keys, expected.address)
  } catch (err) {
    if (err instanceof BlobFormatError) throw new FileIntegrityError(err.message)
    throw err
  }
  const sha256 = createHash('sha256').update(data).digest('hex')
  if (sha256 !== expected.sha256 || data.length !== expected.size) {
    throw new FileIntegrityError(`file ${expected.address.slice(0, 12)} does not match its hash`)
  }
  return data
}

/** Removes a blob written by a request whose database transaction then failed. */
export async function removeBlob(store: FileStore, address: string): Promise<void> {
  await rm(blobPath(store, address), { force: true })
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  )
}

// A rename is durable only once the folder entry is on disk.
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** The store of the running app's data directory, keys and upload limit. */
export function fileStoreOf(services: {
  config: { dataDir: string; uploadMaxBytes: number }
  keys: { files: Buffer }
}): FileStore {
  return fileStoreFor(services.config.dataDir, services.keys.files, services.config.uploadMaxBytes)
}
