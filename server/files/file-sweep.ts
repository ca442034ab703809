import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { DbOrTrx } from '../database.js'
import { holdWritesDuring } from './file-store.js'

// An upload writes its blob (temp file, fsync, rename) before the transaction that records
// its `files` row, so a crash or a kill can leave a temp file, or a whole blob that no row
// names; never a row without its blob. Such leftovers belong to uploads nobody was told had
// succeeded, so start-up removes them before the first upload (and the first backup).

const BLOB_NAME = /^[0-9a-f]{64}$/
const PREFIX = /^[0-9a-f]{2}$/
const SWEEP_CONCURRENCY = 8

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
 * Start it before anything writes to the store (at start-up); writes that start while it
 * runs wait until it is done (`holdWritesDuring`), so the server may listen meanwhile.
 * Files it does not recognise as its own are left alone.
 * @throws file-system and database errors as they come.
 */
export function sweepFileStore(db: DbOrTrx, dir: string): Promise<SweepResult> {
  const sweep = sweepNow(db, dir)
  holdWritesDuring(dir, sweep)
  return sweep
}

async function sweepNow(db: DbOrTrx, dir: string): Promise<SweepResult> {
  const result: SweepResult = { temps: 0, blobs: 0 }
  for (const e of await entries(path.join(dir, 'tmp'))) {
    if (!e.isFile() || !e.name.endsWith('.part')) continue
    await rm(path.join(dir, 'tmp', e.name), { force: true })
    result.temps++
  }
  const folders = (await entries(dir))
    .filter((folder) => folder.isDirectory() && PREFIX.test(folder.name))
    .map((folder) => folder.name)
  const sweepFolder = async (folder: string) => {
    const names = (await entries(path.join(dir, folder)))
      .filter((e) => e.isFile() && BLOB_NAME.test(e.name) && e.name.startsWith(folder))
      .map((e) => e.name)
    if (names.length === 0) return
    const rows = await db
      .selectFrom('files')
      .select('address')
      .where('address', '>=', folder)
      .where('address', '<', `${folder}g`)
      .execute()
    const known = new Set(rows.map((r) => r.address))
    for (const name of names) {
      if (known.has(name)) continue
      await rm(path.join(dir, folder, name), { force: true })
      result.blobs++
    }
  }
  // A few folders at a time: their directory reads overlap on libuv's thread pool (256 of
  // them one after another are a noticeable part of start-up), while a clinic's whole list of
  // files or addresses is still never held in memory.
  let next = 0
  const worker = async () => {
    while (next < folders.length) await sweepFolder(folders[next++]!)
  }
  await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, worker))
  return result
}
