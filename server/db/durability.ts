import { open, stat, type FileHandle } from 'node:fs/promises'
import path from 'node:path'

// An acknowledged write must survive a power cut (DESIGN.md). SQLite's synchronous=FULL gets
// there by an fsync of the WAL inside every COMMIT, on the event loop: each commit held every
// terminal's requests for the disk's sync time (bench: ~0.4 ms a commit, several ms at worst).
// The server instead runs its connection with synchronous=NORMAL, which in WAL mode is just
// as safe from corruption and syncs at checkpoints, and makes each answer wait, off the event
// loop, for an fdatasync of the WAL that began after its writes: the same guarantee for
// everything acknowledged, with one sync shared by every request that waits at that moment.

export interface WalSync {
  /** Called (synchronously) before each statement that may write. */
  written(): void
  /** Resolves once everything written before the call is on disk; rejects if a sync fails. */
  durable(): Promise<void>
  /** Syncs, then releases the file handles. */
  close(): Promise<void>
  /** For tests and the bench: writes marked, writes synced, syncs done. */
  stats(): { written: number; synced: number; syncs: number }
}

export interface WalSyncOptions {
  /** A write nobody waits for (a background job's) is synced this long after it, at most. */
  flushAfterMs?: number
  /** The sync itself; tests pass a slower or failing one. */
  datasync?: (file: FileHandle) => Promise<void>
}

/** Durability for the SQLite database `dbFile`, opened in WAL mode with synchronous=NORMAL. */
export function walSync(dbFile: string, opts: WalSyncOptions = {}): WalSync {
  const walPath = `${dbFile}-wal`
  const datasync = opts.datasync ?? ((f: FileHandle) => f.datasync())
  const flushAfterMs = opts.flushAfterMs ?? 100
  let written = 0
  let synced = 0
  let syncs = 0
  let running: Promise<void> | undefined
  let wal: { file: FileHandle; ino: number } | undefined
  let timer: NodeJS.Timeout | undefined

  // The WAL file as it is now. SQLite keeps one WAL file while the server's connection is
  // open, but if it was replaced (or is missing, when a checkpoint moved everything into the
  // database and the file went away) the handle follows the name.
  async function currentWal(): Promise<FileHandle | undefined> {
    const onDisk = await stat(walPath).catch(() => undefined)
    if (wal && onDisk?.ino === wal.ino) return wal.file
    await wal?.file.close()
    wal = undefined
    if (!onDisk) return undefined
    const file = await open(walPath, 'r')
    wal = { file, ino: (await file.stat()).ino }
    // A new WAL file's name must be on disk too, or a power cut could lose the whole file.
    await syncPath(path.dirname(walPath), datasync)
    return file
  }

  async function syncOnce(): Promise<void> {
    // Everything marked before this point has already been written by SQLite: marking and
    // running a statement happen in one synchronous step on the event loop.
    const target = written
    const file = await currentWal()
    if (file) await datasync(file)
    // No WAL file: what was written is in the database file, sync that.
    else await syncPath(dbFile, datasync)
    syncs++
    if (target > synced) synced = target
  }

  function durable(): Promise<void> {
    const target = written
    if (synced >= target) return Promise.resolve()
    return (async () => {
      while (synced < target) {
        running ??= syncOnce().finally(() => (running = undefined))
        await running
      }
    })()
  }

  return {
    written() {
      written++
      timer ??= setTimeout(() => {
        timer = undefined
        // Nobody waits for this one: a failure shows up at the next request's sync.
        durable().catch(() => undefined)
      }, flushAfterMs).unref()
    },
    durable,
    async close() {
      clearTimeout(timer)
      timer = undefined
      await durable()
      await wal?.file.close()
      wal = undefined
    },
    stats: () => ({ written, synced, syncs }),
  }
}

async function syncPath(p: string, datasync: (f: FileHandle) => Promise<void>): Promise<void> {
  const file = await open(p, 'r')
  try {
    await datasync(file)
  } finally {
    await file.close()
  }
}
