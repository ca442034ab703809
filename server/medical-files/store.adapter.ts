import { FileIntegrityError, fileStoreOf, removeBlob, writeBlob } from '../files/file-store.js'
import type { WrittenBlob } from '../files/file-store.js'
import { insertFileRow } from '../files/files.queries.js'
import { loadFile } from '../files/files.service.js'
import type { DbOrTrx } from '../database.js'
import type { Services } from '../http/app-env.js'

// The seam between medical files and the clinic's encrypted attachment store (server/files:
// AES-256-GCM, a key per file wrapped by a master-derived key, SHA-256 checked on read).
// Blobs are written before the database transaction (no disk flush while SQLite is locked)
// and removed again if that transaction fails, so a failed upload leaves nothing behind.

export type { WrittenBlob }

export interface BlobStore {
  /** Encrypts and writes the bytes (idempotent for equal content). */
  write(bytes: Buffer): Promise<WrittenBlob>
  /** The `files` row of a written blob, inside the caller's transaction. */
  record(trx: DbOrTrx, blob: WrittenBlob, mediaType: string, at: string): Promise<number>
  /** Removes the blobs this request created, after the transaction that named them failed. */
  discard(blobs: readonly (WrittenBlob | undefined)[]): Promise<void>
  /** @throws FileIntegrityError when the row or blob is missing, altered or mismatched. */
  read(db: DbOrTrx, fileId: number): Promise<Buffer>
}

export function blobStoreFor(services: Services): BlobStore {
  const store = fileStoreOf(services)
  return {
    write: (bytes) => writeBlob(store, bytes),
    record: (trx, blob, mediaType, at) => insertFileRow(trx, blob, mediaType, at),
    async discard(blobs) {
      for (const b of blobs) if (b?.created) await removeBlob(store, b.address)
    },
    async read(db, fileId) {
      const loaded = await loadFile(db, store, fileId)
      if (!loaded) throw new FileIntegrityError(`file ${fileId} has no row`)
      return loaded.data
    },
  }
}
