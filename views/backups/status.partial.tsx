import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { formatBytes } from './format.js'
import { Failure, StatusFacts } from './status-facts.js'

export const STATUS_ID = 'backup-status'

export type Phase = 'prepare' | 'upload' | 'verify' | 'retention' | 'restore' | 'prove' | 'check'

/** A finished backup_runs row as the page shows it. */
export interface RunView {
  kind: 'run' | 'drill' | 'check'
  startedAt: string
  durationMs: number
  outcome: 'ok' | 'failed'
  snapshotId: string | null
  bytesAdded: number | null
  errorCode: string | null
  errorMessage: string | null
  details: Record<string, unknown>
}

export interface StatusProps {
  i18n: I18n
  csrfToken: string
  configured: boolean
  running?: {
    kind: 'run' | 'drill'
    phase: Phase
    percent?: number
    bytesDone?: number
    totalBytes?: number
  }
  lastRun?: RunView
  lastOkRun?: RunView
  lastDrill?: RunView
  lastOkDrill?: RunView
  lastCheck?: RunView
  nextRunAt?: string
  nextDrillAt?: string
  stale: boolean
  notice?: 'started' | 'busy'
}

/** Last backup, last proven drill, next runs, failures and the two buttons; polls while busy. */
export function BackupStatus(props: StatusProps) {
  const { t, dateTime } = props.i18n
  const r = props.running
  const polling = r
    ? {
        'hx-get': '/admin/backups/progress',
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
        // Polling is not activity: it must not keep an unattended terminal unlocked.
        'hx-headers': JSON.stringify({ 'x-enamel-background': '1' }),
      }
    : {}
  const failedRun = props.lastRun?.outcome === 'failed' ? props.lastRun : undefined
  const failedDrill = props.lastDrill?.outcome === 'failed' ? props.lastDrill : undefined
  const failedCheck = props.lastCheck?.outcome === 'failed' ? props.lastCheck : undefined
  const proven =
    props.lastOkRun && !props.stale && props.lastOkDrill && !failedDrill && !failedCheck
  return (
    <section id={STATUS_ID} class="card" aria-live="polite" {...polling}>
      <h2>{t('backups.status')}</h2>
      {props.notice && <p class="notice">{t(`backups.${props.notice}`)}</p>}
      {r && (
        <div class="backup-progress">
          <p>
            <strong>{t(`backups.running.${r.kind}`)}</strong>: {t(`backups.phase.${r.phase}`)}
          </p>
          {r.percent !== undefined && (
            <p>
              <progress max="100" value={String(r.percent)}>{`${r.percent} %`}</progress>{' '}
              {t('backups.progress', {
                percent: r.percent,
                done: formatBytes(props.i18n, r.bytesDone),
                total: formatBytes(props.i18n, r.totalBytes),
              })}
            </p>
          )}
        </div>
      )}
      {proven && !r && <p class="notice backup-proven">{t('backups.proven')}</p>}
      {props.stale && props.lastRun && <p class="error-box">{t('backups.stale')}</p>}
      {failedRun && (
        <Failure
          i18n={props.i18n}
          run={failedRun}
          title={t('backups.run_failed', { time: dateTime(failedRun.startedAt) })}
        />
      )}
      {failedDrill && (
        <Failure
          i18n={props.i18n}
          run={failedDrill}
          title={t('backups.drill_failed', { time: dateTime(failedDrill.startedAt) })}
        />
      )}
      {failedCheck && (
        <Failure
          i18n={props.i18n}
          run={failedCheck}
          title={t('backups.check_failed', { time: dateTime(failedCheck.startedAt) })}
        />
      )}
      <StatusFacts {...props} />
      {props.configured && (
        <div class="status-actions">
          <form
            method="post"
            action="/admin/backups/run"
            class="inline-form"
            hx-post="/admin/backups/run"
            hx-target={`#${STATUS_ID}`}
            hx-swap="outerHTML"
          >
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="primary" disabled={!!r}>
              {t('backups.run_now')}
            </button>
          </form>{' '}
          <form
            method="post"
            action="/admin/backups/verify"
            class="inline-form"
            hx-post="/admin/backups/verify"
            hx-target={`#${STATUS_ID}`}
            hx-swap="outerHTML"
          >
            <CsrfField token={props.csrfToken} />
            <button type="submit" disabled={!!r}>
              {t('backups.verify_now')}
            </button>
          </form>
        </div>
      )}
    </section>
  )
}
