import type { Logger } from 'pino'
import type { AuditActor } from '../audit/audit.service.js'
import type { Config } from '../config.js'
import {
  attachBackupControl,
  detachBackupControl,
  type BackupControl,
  type BackupStatus,
  type JobKind,
} from './backup-control.js'
import type { BackupDeps, JobOptions } from './backup-deps.js'
import { runBackup } from './backup.service.js'
import { describeFailure } from './backup-error.js'
import { findLastRun } from './backups.queries.js'
import { nextLocalHour } from './clinic-time.js'
import { runDrill } from './drill.service.js'
import { RepositoryCache } from './repository-cache.js'

export interface ScheduleOptions {
  intervalMs: number
  /** Clinic-time hour of the nightly drill. */
  drillHour: number
  /** Waits before retrying a failed scheduled job; after the last, the next regular slot. */
  retryDelaysMs: readonly number[]
  /** The first scheduled backup waits this long after start-up when one is due. */
  firstRunDelayMs: number
}

const TRANSIENT = new Set(['repo_unreachable', 'locked', 'interrupted', 'busy'])

export const SYSTEM_ACTOR: AuditActor = { staffId: null, deviceId: null, zone: 'system' }

export function scheduleFromConfig(config: Pick<Config, 'backup'>): ScheduleOptions {
  return {
    intervalMs: config.backup.intervalMinutes * 60_000,
    drillHour: config.backup.drillHour,
    retryDelaysMs: [60_000, 5 * 60_000, 15 * 60_000],
    firstRunDelayMs: 60_000,
  }
}

/**
 * Backups in-process (the same under systemd, Docker and `npm start`): a backup every
 * interval, the drill nightly, retries with backoff, never two jobs at once. restic runs
 * as a child process; nothing here blocks a request.
 */
export class BackupScheduler implements BackupControl {
  private job?: {
    kind: JobKind
    startedAt: string
    progress: BackupStatus['running']
    done: Promise<void>
  }
  private timer?: NodeJS.Timeout
  private next: { run?: Date; drill?: Date } = {}
  private failures: Record<JobKind, number> = { run: 0, drill: 0 }
  private readonly repository: RepositoryCache
  private readonly abort = new AbortController()
  private stopped = false

  constructor(
    private readonly deps: BackupDeps & { log: Logger },
    private readonly opts: ScheduleOptions,
  ) {
    this.repository = new RepositoryCache(deps.repo, deps.now)
  }

  async start(): Promise<void> {
    const now = this.deps.now()
    const lastOk = await findLastRun(this.deps.db, 'run', 'ok')
    const due = lastOk ? Date.parse(lastOk.started_at) + this.opts.intervalMs : 0
    this.next.run = new Date(Math.max(now.getTime() + this.opts.firstRunDelayMs, due))
    this.next.drill = nextLocalHour(now, this.deps.config.timeZone, this.opts.drillHour)
    attachBackupControl(this.deps.db, this)
    this.deps.log.info(
      { nextRunAt: this.next.run.toISOString(), nextDrillAt: this.next.drill.toISOString() },
      'backups scheduled',
    )
    this.arm()
    void this.repository.refresh()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    detachBackupControl(this.deps.db)
    this.abort.abort()
    await this.job?.done
    await this.repository.settled()
  }

  status(): BackupStatus {
    return {
      running: this.job?.progress,
      nextRunAt: this.next.run?.toISOString(),
      nextDrillAt: this.next.drill?.toISOString(),
      repository: this.repository.current,
    }
  }

  startJob(kind: JobKind, actor: AuditActor): 'started' | 'busy' {
    if (this.job || this.stopped) return 'busy'
    this.execute(kind, actor, 'manual')
    return 'started'
  }

  /** Resolves when no job is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.job) await this.job.done
  }

  private arm() {
    clearTimeout(this.timer)
    if (this.stopped || this.job) return
    const due = Math.min(
      this.next.run?.getTime() ?? Infinity,
      this.next.drill?.getTime() ?? Infinity,
    )
    const delay = Math.max(0, Math.min(due - this.deps.now().getTime(), 2 ** 31 - 1))
    this.timer = setTimeout(() => this.tick(), delay)
    this.timer.unref()
  }

  private tick() {
    const now = this.deps.now().getTime()
    if (this.next.run && this.next.run.getTime() <= now)
      this.execute('run', SYSTEM_ACTOR, 'schedule')
    else if (this.next.drill && this.next.drill.getTime() <= now)
      this.execute('drill', SYSTEM_ACTOR, 'schedule')
    else this.arm()
  }

  private execute(kind: JobKind, actor: AuditActor, trigger: 'schedule' | 'manual') {
    const startedAt = this.deps.now().toISOString()
    const job: NonNullable<typeof this.job> = {
      kind,
      startedAt,
      progress: { kind, startedAt, phase: 'prepare' },
      done: Promise.resolve(),
    }
    const opts: JobOptions = {
      trigger,
      actor,
      signal: this.abort.signal,
      onProgress: (p) => void (job.progress = { ...p, kind, startedAt }),
    }
    this.job = job
    job.done = (async () => {
      try {
        const r =
          kind === 'run' ? await runBackup(this.deps, opts) : await runDrill(this.deps, opts)
        const error = 'drill' in r ? (r.drill.error ?? r.check.error) : r.error
        // A failed backup is always retried; a drill only when the repository was out of
        // reach (a damaged backup stays damaged, and re-reading it all proves nothing new).
        this.plan(kind, trigger, r.ok, kind === 'run' || TRANSIENT.has(error?.code ?? ''))
        if (error) this.deps.log.warn({ kind, trigger, error }, 'backup job failed')
        // New snapshot list and size for the page, read beside (not inside) the job.
        void this.repository.refresh()
      } catch (err) {
        this.plan(kind, trigger, false, true)
        this.deps.log.error({ kind, err: describeFailure(err) }, 'backup job crashed')
      } finally {
        this.job = undefined
        this.arm()
      }
    })()
  }

  /** When this kind runs next: the regular slot after success, backoff after a failure. */
  private plan(kind: JobKind, trigger: 'schedule' | 'manual', ok: boolean, retry: boolean) {
    const now = this.deps.now()
    const regular =
      kind === 'run'
        ? new Date(now.getTime() + this.opts.intervalMs)
        : nextLocalHour(now, this.deps.config.timeZone, this.opts.drillHour)
    if (ok) {
      this.failures[kind] = 0
      this.next[kind] = regular
      return
    }
    if (trigger === 'manual') return
    const delay = retry ? this.opts.retryDelaysMs[this.failures[kind]++] : undefined
    if (delay === undefined) {
      this.failures[kind] = 0
      this.next[kind] = regular
    } else {
      this.next[kind] = new Date(now.getTime() + delay)
    }
  }
}
