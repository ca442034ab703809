import { execFile } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { duSync } from './prepare.js'

// The backup scenario (issue 7): what an operator gets from `enamel backup run|verify` on the
// bench's clinic, into a local restic repository in a temp dir. Each step runs the real,
// compiled CLI as a child process with the scratch data dir's environment, so the wall time
// includes what the operator waits for (start-up, staging, restic, retention, recording).

export interface BackupRow {
  step: string
  command: string
  status: 'reported' | 'failed'
  /** Wall time of the CLI process, fork to exit, ms. */
  wallMs: number | null
  /** The CLI's own duration (restic JSON summary for runs, drill + check for verify), ms. */
  cliMs: number | null
  /** Repository size on disk after the step, bytes. */
  repoBytes: number | null
  /** One readable line: the figures, or why the step failed. */
  figures: string
  data?: Record<string, unknown>
}

/** `enamel backup run --json` (RunResult in server/backups/backup-deps.ts). */
interface RunJson {
  ok: boolean
  snapshotId?: string
  bytesAdded?: number
  filesNew?: number
  durationMs: number
  error?: { code: string; message: string }
}

/** `enamel backup verify --json` (DrillResult in server/backups/drill.service.ts). */
interface VerifyJson {
  ok: boolean
  snapshotId?: string
  drill: {
    ok: boolean
    durationMs: number
    details: Record<string, string | number | boolean | null>
    error?: { code: string; message: string }
  }
  check: { ok: boolean; durationMs: number; mode: string; error?: { code: string } }
}

const mb = (n: number | undefined | null) =>
  n === undefined || n === null ? '—' : `${(n / 1048576).toFixed(1)} MB`

/** One line, safe inside a Markdown table cell. */
export function oneLine(s: string, max = 240): string {
  const t = s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

interface CliOutcome {
  code: number
  wallMs: number
  json: unknown
  stderr: string
}

function runCliChild(cliJs: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliOutcome> {
  const t0 = performance.now()
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliJs, ...args],
      { env, maxBuffer: 16 * 1024 * 1024, timeout: 60 * 60_000, killSignal: 'SIGTERM' },
      (err, stdout, stderr) => {
        const wallMs = performance.now() - t0
        // --json prints one JSON line; anything else on stdout (a log line) is skipped.
        let json: unknown
        for (const line of stdout.split('\n').reverse()) {
          if (!line.startsWith('{')) continue
          try {
            json = JSON.parse(line)
            break
          } catch {
            // not the result line
          }
        }
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        const why = err && typeof err.code !== 'number' ? `${err.message}\n` : ''
        resolve({ code, wallMs, json, stderr: why + stderr })
      },
    )
  })
}

/** Why a CLI step failed, as one line: its JSON error, else its last stderr line. */
function failure(o: CliOutcome, jsonError?: { code: string; message?: string }): string {
  if (jsonError) return `${jsonError.code}: ${jsonError.message ?? ''}`
  const last = o.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop()
  return last ?? `exit code ${o.code}`
}

/**
 * Runs the scenario and returns its rows; never throws (a failure is a failed row) and always
 * removes the temp repository.
 */
export async function backupScenario(
  cliJs: string,
  baseEnv: NodeJS.ProcessEnv,
  log: (l: string) => void,
): Promise<BackupRow[]> {
  const rows: BackupRow[] = []
  const tmp = mkdtempSync(path.join(tmpdir(), 'enamel-bench-restic-'))
  const cleanup = () => rmSync(tmp, { recursive: true, force: true })
  process.on('exit', cleanup)
  const repository = path.join(tmp, 'repo')
  const passwordFile = path.join(tmp, 'password')
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    ENAMEL_BACKUP_REPOSITORY: repository,
    ENAMEL_BACKUP_PASSWORD_FILE: passwordFile,
    // restic's cache goes with the repository instead of staying in ~/.cache/restic.
    RESTIC_CACHE_DIR: path.join(tmp, 'cache'),
  }
  const repoBytes = () => duSync(repository)
  const failedRow = (step: string, command: string, why: string, wallMs: number | null) =>
    rows.push({
      step,
      command,
      status: 'failed',
      wallMs,
      cliMs: null,
      repoBytes: null,
      figures: oneLine(why),
    })
  try {
    writeFileSync(passwordFile, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 })
    chmodSync(passwordFile, 0o600)
    log('backup: enamel backup init (local restic repository in a temp dir)…')
    const init = await runCliChild(cliJs, ['backup', 'init', '--json'], env)
    if (init.code !== 0) throw new Error(`enamel backup init failed: ${failure(init)}`)

    const run = async (step: string) => {
      log(`backup: ${step}…`)
      const o = await runCliChild(cliJs, ['backup', 'run', '--json'], env)
      const r = o.json as RunJson | undefined
      if (o.code !== 0 || !r?.ok) {
        failedRow(step, 'enamel backup run', failure(o, r?.error), o.wallMs)
        return false
      }
      const size = repoBytes()
      rows.push({
        step,
        command: 'enamel backup run',
        status: 'reported',
        wallMs: o.wallMs,
        cliMs: r.durationMs,
        repoBytes: size,
        figures:
          `snapshot ${r.snapshotId}, ${mb(r.bytesAdded)} added before compression (restic summary data_added), ` +
          `${r.filesNew ?? '—'} new files; repository ${mb(size)} on disk`,
        data: { snapshotId: r.snapshotId, bytesAdded: r.bytesAdded, filesNew: r.filesNew },
      })
      return true
    }
    const first = await run('first full backup')
    const second = first && (await run('second backup, incremental'))
    if (!first)
      failedRow(
        'second backup, incremental',
        'enamel backup run',
        'not run: the first backup failed',
        null,
      )
    if (!second) {
      failedRow('restore drill', 'enamel backup verify', 'not run: no successful backups', null)
      return rows
    }

    log('backup: restore drill (enamel backup verify)…')
    const o = await runCliChild(cliJs, ['backup', 'verify', '--json'], env)
    const v = o.json as VerifyJson | undefined
    const d = v?.drill.details ?? {}
    if (!v || !v.drill.ok) {
      failedRow('restore drill', 'enamel backup verify', failure(o, v?.drill.error), o.wallMs)
    } else {
      const size = repoBytes()
      rows.push({
        step: 'restore drill',
        command: 'enamel backup verify',
        status: v.ok ? 'reported' : 'failed',
        wallMs: o.wallMs,
        cliMs: v.drill.durationMs + v.check.durationMs,
        repoBytes: size,
        figures: oneLine(
          `snapshot ${v.snapshotId} restored and proven: ${d.files} files, ${mb(Number(d.bytes))}, ` +
            `${d.rows} rows, audit chain of ${d.audit_events} events (${(v.drill.durationMs / 1000).toFixed(1)} s); ` +
            (v.check.ok
              ? `restic check ${v.check.mode} ok (${(v.check.durationMs / 1000).toFixed(1)} s)`
              : `restic check ${v.check.mode} FAILED: ${v.check.error?.code ?? 'unknown'}`),
        ),
        data: { snapshotId: v.snapshotId, proven: v.drill.ok, drill: v.drill, check: v.check },
      })
    }
  } catch (err) {
    const why = (err as Error).message
    log(`backup scenario failed: ${why}`)
    if (rows.length === 0) failedRow('backup scenario', 'enamel backup init', why, null)
    else failedRow('backup scenario', '—', why, null)
  } finally {
    cleanup()
    process.off('exit', cleanup)
  }
  return rows
}
