import path from 'node:path'
import { CLI_ACTOR, recordAudit } from '../audit/audit.service.js'
import { describeFailure } from '../backups/backup-error.js'
import { adviceFor } from '../backups/advice.js'
import { resticRepoFromConfig } from '../backups/repo.js'
import { restoreSnapshot } from '../backups/restore.service.js'
import { MASTER_KEY_PATH } from '../backups/staging.js'
import { loadConfig } from '../config.js'
import { UsageError } from '../system/operator-error.js'
import { isInitialized, openRuntime } from '../system/runtime.js'
import { parseOptions, printJson, requireOption, type Command } from './cli-context.js'

/**
 * enamel restore --snapshot ID|latest --target DIR [--json]: restores and proves a snapshot
 * into an empty directory, then records 'backup.restore' in the RESTORED clinic's audit chain.
 */
export const restoreCommand: Command = async (args, io) => {
  const { values } = parseOptions(args, {
    snapshot: { type: 'string' },
    target: { type: 'string' },
    json: { type: 'boolean' },
  })
  const snapshot = requireOption(values.snapshot, 'snapshot')
  const target = path.resolve(requireOption(values.target, 'target'))
  const config = loadConfig(io.env)
  const repo = resticRepoFromConfig(config)
  let proof
  try {
    proof = await restoreSnapshot(repo, snapshot, target)
  } catch (err) {
    const f = describeFailure(err)
    await auditFailure(io.env, target, snapshot, f.code)
    const advice = adviceFor(f.code)
    throw new UsageError(`failed (${f.code}): ${f.message}${advice ? ` — ${advice}` : ''}`)
  }
  // Open it as the server will (this also migrates a backup from an older Enamel).
  const restored = loadConfig({
    ...io.env,
    ENAMEL_DATA_DIR: target,
    ENAMEL_MASTER_KEY_FILE: path.join(target, MASTER_KEY_PATH),
  })
  const rt = await openRuntime(restored)
  try {
    await recordAudit(rt.db, rt.keys.audit, CLI_ACTOR, {
      action: 'backup.restore',
      details: {
        snapshot,
        files: proof.files,
        rows: proof.rows,
        audit_events: proof.auditEvents,
        audit_head: proof.auditHead,
        backup_created_at: proof.manifest.createdAt,
        backup_version: proof.manifest.version,
      },
    })
  } finally {
    await rt.close()
  }
  const summary = {
    target,
    snapshot,
    createdAt: proof.manifest.createdAt,
    files: proof.files,
    rows: proof.rows,
    auditEvents: proof.auditEvents,
    auditHead: proof.auditHead,
  }
  if (values.json) printJson(io, summary)
  else {
    io.out(`Restored snapshot ${snapshot} (made ${proof.manifest.createdAt}) into ${target}.`)
    io.out(
      `Proven: ${proof.files} files match the manifest, ${proof.rows} rows, audit chain of ${proof.auditEvents} events ends at ${proof.auditHead}.`,
    )
    io.out(
      `Start Enamel with ENAMEL_DATA_DIR=${target}. The master key is ${path.join(target, MASTER_KEY_PATH)}; if ENAMEL_MASTER_KEY_FILE points elsewhere, move it there.`,
    )
  }
  return 0
}

/** A failed restore is recorded in this box's own clinic when there is one (best effort). */
async function auditFailure(
  env: NodeJS.ProcessEnv,
  target: string,
  snapshot: string,
  code: string,
) {
  try {
    const config = loadConfig(env)
    if (!isInitialized(config) || path.resolve(config.dataDir) === target) return
    const rt = await openRuntime(config)
    try {
      await recordAudit(rt.db, rt.keys.audit, CLI_ACTOR, {
        action: 'backup.restore',
        outcome: 'failed',
        details: { snapshot, target, error: code },
      })
    } finally {
      await rt.close()
    }
  } catch {
    // Nothing to record into: the operator sees the failure on the terminal.
  }
}
