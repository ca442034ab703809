import type { Db, DbOrTrx } from '../database.js'
import { readBlob, removeBlob, writeBlob, type FileStore } from './file-store.js'
import { findFileById, insertFileRow } from './files.queries.js'
import type { StoredFileRow } from './files.table.js'
import { sniffFile, SCAN_SNIFFERS, type Sniffer } from './sniff.js'

export type SaveRefusal = 'empty' | 'too_large' | 'type'

/**
 * Stores an upload: checks size and content type first (nothing is written for a refusal),
 * writes the encrypted blob, then runs `record` with the file id in one transaction (the
 * feature's own rows and its audit event). If that transaction fails, a blob this call
 * created is removed again, so a refused or failed upload leaves no row and no file.
 */
export async function saveFile<T>(
  db: Db,
  store: FileStore,
  input: { data: Buffer; at: string; sniffers?: readonly Sniffer[] },
  record: (trx: DbOrTrx, fileId: number, type: Sniffer) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: SaveRefusal }> {
  if (input.data.length === 0) return { ok: false, reason: 'empty' }
  if (input.data.length > store.maxBytes) return { ok: false, reason: 'too_large' }
  const type = sniffFile(input.data, input.sniffers ?? SCAN_SNIFFERS)
  if (!type) return { ok: false, reason: 'type' }
  const blob = await writeBlob(store, input.data)
  try {
    const value = await db.transaction().execute(async (trx) => {
      const fileId = await insertFileRow(trx, blob, type.mediaType, input.at)
      return record(trx, fileId, type)
    })
    return { ok: true, value }
  } catch (err) {
    if (blob.created) await removeBlob(store, blob.address)
    throw err
  }
}

/**
 * The plaintext of a stored file with its row, verified against its SHA-256.
 * @returns undefined for an unknown id.
 * @throws FileIntegrityError when the blob is missing or altered.
 */
export async function loadFile(
  db: DbOrTrx,
  store: FileStore,
  fileId: number,
): Promise<{ row: StoredFileRow; data: Buffer } | undefined> {
  const row = await findFileById(db, fileId)
  if (!row) return undefined
  return { row, data: await readBlob(store, row) }
}
