import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { DbOrTrx } from '../database.js'

// An upload writes its blob (temp file, fsync, rename) before the transaction that records
// its `files` row, so a crash or a kill can leave a temp file, or a whole blob that no row
// names; never a row without its blob. Such leftovers belong to uploads nobody was told had
// succeeded, so start-up removes them before the first request.

const BLOB_NAME = /^[0-9a-f]{64}$/
const PREFIX = /^[0-9a-f]{2}$/

export interface SweepResult {
  /** Temp files of interrupted writes removed from files/tmp. */
  temps: number
  /** Complete blobs without a `files` row removed. */
  blobs: number
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

/**
 * Removes what interrupted uploads left in the store folder `dir` (`<dataDir>/files`).
 * Must run while nothing writes to the store: at start-up, before the server listens.
 * Files it does not recognise as its own are left alone.
 * @throws file-system and database errors as they come.
 */
export async function sweepFileStore(db: DbOrTrx, dir: string): Promise<SweepResult> {
  const result: SweepResult = { temps: 0, blobs: 0 }
  for (const e of await entries(path.join(dir, 'tmp'))) {
    if (!e.isFile() || !e.name.endsWith('.part')) continue
    await rm(path.join(dir, 'tmp', e.name), { force: true })
    result.temps++
  }
  for (const folder of await entries(dir)) {
    if (!folder.isDirectory() || !PREFIX.test(folder.name)) continue
    const names = (await entries(path.join(dir, folder.name)))
      .filter((e) => e.isFile() && BLOB_NAME.test(e.name) && e.name.startsWith(folder.name))
      .map((e) => e.name)
    if (names.length === 0) continue
    // One folder at a time: a clinic's whole list of addresses is never held in memory.
    const rows = await db
      .selectFrom('files')
      .select('address')
      .where('address', '>=', folder.name)
      .where('address', '<', `${folder.name}g`)
      .execute()
    const known = new Set(rows.map((r) => r.address))
    for (const name of names) {
      if (known.has(name)) continue
      await rm(path.join(dir, folder.name, name), { force: true })
      result.blobs++
    }
  }
  return result
}
