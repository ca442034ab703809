import type { Generated, Selectable } from 'kysely'

/** One encrypted blob under <dataDir>/files; features point at it by id. */
export interface FilesTable {
  id: Generated<number>
  /** HMAC of the plaintext hash under the files key: names the blob on disk, reveals nothing. */
  address: string
  /** SHA-256 of the plaintext, checked on every read (checklist 35). */
  sha256: string
  size: number
  media_type: string
  /** Which wrapping key sealed the blob's own key ("files-v1"), for key rotation. */
  key_id: string
  created_at: string
}

export type StoredFileRow = Selectable<FilesTable>
