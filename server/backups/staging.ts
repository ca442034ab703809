import {
  chmod,
  copyFile,
  link,
  mkdir,
  readdir,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Config } from '../config.js'
import type { Sqlite } from '../db/connection.js'
import { hashFiles, listFiles, MANIFEST_FILE, previousManifest, type Manifest } from './manifest.js'

/** What a snapshot's root holds: a restore of it is a data directory. */
export const SNAPSHOT_PATHS = ['enamel.db', MANIFEST_FILE, 'files', 'pki', 'keys'] as const
export const MASTER_KEY_PATH = 'keys/master.key'
const GENESIS = '0'.repeat(64)

/** The staging directory inside the data dir (same file system, so attachments hard-link). */
export function stagingDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'backup-staging')
}

/**
 * Lays out what one snapshot holds in the staging dir and writes its manifest:
 * - enamel.db: a consistent copy by SQLite's online backup API (never the live file), which
 *   copies a batch of pages per event-loop turn, so requests keep being served;
 * - files/: hard links to the attachments (content-addressed, never changed in place);
 * - pki/ and keys/ (with the master key wherever ENAMEL_MASTER_KEY_FILE keeps it): copies.
 * The staging dir is kept between runs so restic sees unchanged files as unchanged.
 */
export async function stage(
  config: Pick<Config, 'dataDir' | 'masterKeyFile'>,
  sqlite: Sqlite,
  meta: { version: string; now: Date },
): Promise<{ dir: string; manifest: Manifest }> {
  const dir = stagingDir(config)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const previous = await previousManifest(dir)
  const partial = path.join(dir, 'enamel.db.partial')
  for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) {
    await rm(f, { force: true })
  }
  await sqlite.backup(partial)
  const database = describeCopy(partial)
  await rename(partial, path.join(dir, 'enamel.db'))

  await mirror(path.join(config.dataDir, 'files'), path.join(dir, 'files'), 'link')
  await mirror(path.join(config.dataDir, 'pki'), path.join(dir, 'pki'), 'copy')
  const keysDir = path.join(config.dataDir, 'keys')
  await mirror(keysDir, path.join(dir, 'keys'), 'copy', new Set(['master.key']))
  await copyIfChanged(config.masterKeyFile, path.join(dir, MASTER_KEY_PATH), 0o600)

  const files = await listFiles(dir, ['enamel.db', 'files', 'pki', 'keys'])
  const manifest: Manifest = {
    format: 1,
    app: 'enamel',
    version: meta.version,
    createdAt: meta.now.toISOString(),
    hostname: hostname(),
    database: { file: 'enamel.db', ...database },
    files: await hashFiles(dir, files, previous?.files),
  }
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + '\n', {
    mode: 0o600,
  })
  return { dir, manifest }
}

/** Row counts and the audit chain head of the copy; leaves it a single self-contained file. */
function describeCopy(file: string): Pick<Manifest['database'], 'tables' | 'audit'> {
  const copy = new Database(file)
  try {
    copy.pragma('journal_mode = DELETE')
    const names = copy
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      .pluck()
      .all() as string[]
    const tables: Record<string, number> = {}
    for (const name of names.sort()) {
      const quoted = `"${name.replace(/"/g, '""')}"`
      tables[name] = copy.prepare(`select count(*) from ${quoted}`).pluck().get() as number
    }
    const last =
      'audit_events' in tables
        ? (copy.prepare('select id, hash from audit_events order by id desc limit 1').get() as
            { id: number; hash: string } | undefined)
        : undefined
    return { tables, audit: { count: last?.id ?? 0, head: last?.hash ?? GENESIS } }
  } finally {
    copy.close()
  }
}

type Mode = 'link' | 'copy'

/** Makes `dst` hold what `src` holds (an absent `src` gives an empty `dst`). */
async function mirror(src: string, dst: string, mode: Mode, skip = new Set<string>()) {
  await mkdir(dst, { recursive: true, mode: 0o700 })
  const names = (await readdir(src).catch(() => [] as string[])).filter((n) => !skip.has(n))
  const keep = new Set(names)
  for (const name of await readdir(dst)) {
    if (!keep.has(name) && !skip.has(name)) await rm(path.join(dst, name), { recursive: true })
  }
  for (const name of names) {
    const from = path.join(src, name)
    const to = path.join(dst, name)
    const st = await stat(from)
    if (st.isDirectory()) await mirror(from, to, mode)
    else if (st.isFile()) {
      if (mode === 'link') await linkIfChanged(from, to)
      else await copyIfChanged(from, to, st.mode & 0o777)
    }
  }
}

async function linkIfChanged(from: string, to: string) {
  const [a, b] = await Promise.all([stat(from), stat(to).catch(() => undefined)])
  if (b && b.ino === a.ino && b.dev === a.dev) return
  await rm(to, { force: true, recursive: true })
  try {
    await link(from, to)
  } catch {
    await copyIfChanged(from, to, a.mode & 0o777) // another file system: copy instead
  }
}

async function copyIfChanged(from: string, to: string, mode: number) {
  const [a, b] = await Promise.all([stat(from), stat(to).catch(() => undefined)])
  if (b && b.size === a.size && b.mtimeMs === a.mtimeMs && b.nlink === 1) return
  const tmp = `${to}.partial`
  await copyFile(from, tmp)
  await chmod(tmp, mode)
  await utimes(tmp, a.atime, a.mtime)
  await rm(to, { force: true, recursive: true })
  await rename(tmp, to)
}
