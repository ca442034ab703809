import path from 'node:path'
import { verifyAuditChain } from '../audit/audit.service.js'
import { loadMasterKey } from '../crypto/master-key.js'
import type { Database } from '../database.js'
import { integrityCheck, kyselyFor, openSqlite } from '../db/connection.js'
import { fileStoreFor, readBlob } from '../files/file-store.js'
import { deriveAppKeys } from '../system/runtime.js'
import { BackupError } from './backup-error.js'
import { proveFiles, readManifest, type Manifest } from './manifest.js'
import { MASTER_KEY_PATH } from './staging.js'

export interface RestoreProof {
  manifest: Manifest
  /** Attachments decrypted and checked against their hash. */
  decrypted: number
  files: number
  bytes: number
  tables: number
  rows: number
  auditEvents: number
  auditHead: string
}

/**
 * Proves a restored snapshot in `dir` is the clinic it claims to be:
 * 1. the manifest is there and every file it lists has its size and SHA-256;
 * 2. `PRAGMA integrity_check` is ok on the restored database;
 * 3. every table has the row count the manifest recorded;
 * 4. the audit chain verifies with the key derived from the RESTORED master key, and ends
 *    exactly at the manifest's head.
 * 5. every attachment the restored database lists decrypts with the RESTORED master key and
 *    matches the SHA-256 and size recorded for it (blobs in files/ that no row names are
 *    still covered by the manifest hashes of step 1).
 * Reads only: the restored database is opened read-only.
 * @throws BackupError with code manifest | manifest_mismatch | integrity | row_counts | keys |
 *   audit_chain | files
 */
export async function proveRestoredDir(dir: string): Promise<RestoreProof> {
  let manifest: Manifest
  try {
    manifest = await readManifest(dir)
  } catch (err) {
    throw new BackupError(
      'manifest',
      `no valid manifest in the snapshot: ${(err as Error).message}`,
    )
  }
  const files = await proveFiles(dir, manifest)
  const bad = [...files.missing, ...files.mismatched]
  if (bad.length > 0) {
    throw new BackupError(
      'manifest_mismatch',
      `${files.missing.length} file(s) missing and ${files.mismatched.length} changed against the manifest: ${bad.slice(0, 3).join(', ')}`,
    )
  }
  const sqlite = openSqlite(path.join(dir, manifest.database.file), { readonly: true })
  const db = kyselyFor<Database>(sqlite)
  try {
    const integrity = integrityCheck(sqlite, 'full')
    if (integrity !== 'ok') throw new BackupError('integrity', `integrity_check: ${integrity}`)
    let rows = 0
    for (const [table, expected] of Object.entries(manifest.database.tables)) {
      const quoted = `"${table.replace(/"/g, '""')}"`
      const n = sqlite.prepare(`select count(*) from ${quoted}`).pluck().get() as number
      if (n !== expected) {
        throw new BackupError('row_counts', `${table}: ${n} rows, the manifest says ${expected}`)
      }
      rows += n
    }
    let master: Buffer
    try {
      master = loadMasterKey(path.join(dir, MASTER_KEY_PATH))
    } catch (err) {
      throw new BackupError('keys', (err as Error).message)
    }
    const chain = await verifyAuditChain(db, deriveAppKeys(master).audit)
    if (!chain.ok) {
      throw new BackupError('audit_chain', `broken at event ${chain.brokenAt}: ${chain.reason}`)
    }
    const want = manifest.database.audit
    if (chain.count !== want.count || chain.head !== want.head) {
      throw new BackupError(
        'audit_chain',
        `chain ends at event ${chain.count}, the manifest says ${want.count} (head differs)`,
      )
    }
    const store = fileStoreFor(dir, deriveAppKeys(master).files, Number.MAX_SAFE_INTEGER)
    const stored = await db
      .selectFrom('files')
      .select(['id', 'address', 'sha256', 'size'])
      .execute()
    for (const row of stored) {
      try {
        await readBlob(store, row)
      } catch (err) {
        throw new BackupError('files', `attachment ${row.id}: ${(err as Error).message}`)
      }
    }
    return {
      manifest,
      decrypted: stored.length,
      files: files.checked,
      bytes: files.bytes,
      tables: Object.keys(manifest.database.tables).length,
      rows,
      auditEvents: chain.count,
      auditHead: chain.head,
    }
  } finally {
    await db.destroy()
  }
}
