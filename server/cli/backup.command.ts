import { CLI_ACTOR, recordAudit } from '../audit/audit.service.js'
import { adviceFor, redactRepository } from '../backups/advice.js'
import type { BackupDeps } from '../backups/backup-deps.js'
import { runBackup } from '../backups/backup.service.js'
import { runDrill } from '../backups/drill.service.js'
import { resticRepoFromConfig, SNAPSHOT_TAG } from '../backups/repo.js'
import { loadConfig } from '../config.js'
import { initRepository, listSnapshots, repositoryExists } from '../restic/commands.js'
import { ResticError } from '../restic/errors.js'
import { resticVersion, type ResticRepo } from '../restic/run.js'
import { UsageError } from '../system/operator-error.js'
import { isInitialized, openRuntime, type Runtime } from '../system/runtime.js'
import { parseOptions, printJson, withRuntime, type CliIo, type Command } from './cli-context.js'

const USAGE = 'usage: enamel backup init|run|verify|list [--json]'

function deps(rt: Runtime, repo: ResticRepo): BackupDeps {
  return {
    config: rt.config,
    sqlite: rt.sqlite,
    db: rt.db,
    auditKey: rt.keys.audit,
    repo,
    now: () => new Date(),
  }
}

function failed(r: { code: string; message: string }): never {
  const advice = adviceFor(r.code)
  throw new UsageError(`failed (${r.code}): ${r.message}${advice ? ` — ${advice}` : ''}`)
}

/** restic's failures become one operator line with what to do. */
function asOperatorError(err: unknown): never {
  if (err instanceof ResticError) failed(err)
  throw err
}

/** enamel backup init|run|verify|list */
export const backupCommand: Command = async (args, io) => {
  const [sub, ...rest] = args
  if (sub === 'init') return init(rest, io)
  if (sub === 'run') {
    const { values } = parseOptions(rest, { json: { type: 'boolean' } })
    const repo = resticRepoFromConfig(loadConfig(io.env))
    const r = await withRuntime(io, (rt) =>
      runBackup(deps(rt, repo), { trigger: 'cli', actor: CLI_ACTOR }),
    )
    if (values.json) printJson(io, r)
    else if (r.error) failed(r.error)
    else
      io.out(
        `backup ok: snapshot ${r.snapshotId}, ${r.bytesAdded} bytes added, ${r.filesNew} new files, ${r.durationMs} ms`,
      )
    return r.ok ? 0 : 1
  }
  if (sub === 'verify') {
    const { values } = parseOptions(rest, {
      json: { type: 'boolean' },
      'read-data': { type: 'string' },
    })
    const readData = values['read-data'] ?? 'auto'
    if (!['auto', 'full', 'subset', 'none'].includes(readData)) {
      throw new UsageError('--read-data must be one of auto, full, subset, none')
    }
    const repo = resticRepoFromConfig(loadConfig(io.env))
    const r = await withRuntime(io, (rt) =>
      runDrill(deps(rt, repo), { trigger: 'cli', actor: CLI_ACTOR, readData: readData as 'auto' }),
    )
    if (values.json) printJson(io, r)
    else {
      const d = r.drill.details
      if (r.drill.error) failed(r.drill.error)
      io.out(
        `drill ok: snapshot ${r.snapshotId} restored and proven: ${d.files} files, ${d.rows} rows, audit chain of ${d.audit_events} events, ${r.drill.durationMs} ms`,
      )
      if (r.check.error) failed(r.check.error)
      io.out(`restic check ok (${r.check.mode}), ${r.check.durationMs} ms`)
    }
    return r.ok ? 0 : 1
  }
  if (sub === 'list') {
    const { values } = parseOptions(rest, { json: { type: 'boolean' } })
    const repo = resticRepoFromConfig(loadConfig(io.env))
    const snapshots = await listSnapshots(repo, SNAPSHOT_TAG).catch(asOperatorError)
    if (values.json) printJson(io, { snapshots })
    else
      for (const s of snapshots)
        io.out(`${s.shortId}\t${s.time}\t${s.hostname}\t${s.tags.join(',')}`)
    return 0
  }
  throw new UsageError(USAGE)
}

/** Creates the repository; refuses (and changes nothing) when one is already there. */
async function init(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' } })
  const config = loadConfig(io.env)
  const repo = resticRepoFromConfig(config)
  const shown = redactRepository(repo.repository)
  try {
    await resticVersion(repo)
    if (await repositoryExists(repo)) {
      throw new UsageError(`the repository ${shown} is already initialized; nothing changed`)
    }
    await initRepository(repo)
  } catch (err) {
    asOperatorError(err)
  }
  if (isInitialized(config)) {
    const rt = await openRuntime(config)
    try {
      await recordAudit(rt.db, rt.keys.audit, CLI_ACTOR, {
        action: 'backup.init',
        details: { repository: shown },
      })
    } finally {
      await rt.close()
    }
  }
  if (values.json) printJson(io, { repository: shown })
  else {
    io.out(`Repository ${shown} initialized.`)
    io.out(
      'Keep a copy of the password file OFF this machine: without it no backup can ever be restored.',
    )
  }
  return 0
}
