import type { DbOrTrx } from '../database.js'
import type { WrittenBlob } from './file-store.js'
import type { StoredFileRow } from './files.table.js'

export function findFileById(db: DbOrTrx, id: number): Promise<StoredFileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The row of a blob: the existing one for content already stored, else a new one. */
export async function insertFileRow(
  db: DbOrTrx,
  blob: WrittenBlob,
  mediaType: string,
  at: string,
): Promise<number> {
  const existing = await db
    .selectFrom('files')
    .select('id')
    .where('address', '=', blob.address)
    .executeTakeFirst()
  if (existing) return existing.id
  const row = await db
    .insertInto('files')
    .values({
      address: blob.address,
      sha256: blob.sha256,
      size: blob.size,
      media_type: mediaType,
      key_id: blob.keyId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
