import type { I18n } from '../../server/i18n/i18n.js'
import { errorAdvice, formatBytes, formatSeconds } from './format.js'
import type { RunView, StatusProps } from './status.partial.js'

/** A failure in red: what to do, then restic's (or the proof's) own words. */
export function Failure(props: { i18n: I18n; title: string; run: RunView }) {
  return (
    <div class="error-box backup-failure" role="alert">
      <p>
        <strong>{props.title}</strong> {errorAdvice(props.i18n, props.run.errorCode)}
      </p>
      {props.run.errorMessage && (
        <p class="hint">
          {props.i18n.t('backups.restic_said', { message: props.run.errorMessage })}
        </p>
      )}
    </div>
  )
}

/** Last backup, last proven drill, last data check and the next runs. */
export function StatusFacts(props: StatusProps) {
  const { t, dateTime } = props.i18n
  const ok = props.lastOkRun
  const drill = props.lastOkDrill
  const check = props.lastCheck
  const d = drill?.details ?? {}
  const subset = typeof check?.details.subset === 'string' ? check.details.subset : ''
  const mode = String(check?.details.read_data ?? 'none')
  return (
    <dl class="facts">
      <dt>{t('backups.last_run')}</dt>
      <dd data-testid="last-run">
        {ok
          ? t('backups.last_run_value', {
              time: dateTime(ok.startedAt),
              duration: formatSeconds(props.i18n, ok.durationMs),
              added: formatBytes(props.i18n, ok.bytesAdded),
              snapshot: ok.snapshotId ?? '—',
            })
          : t('backups.never')}
        {typeof ok?.details.retention_error === 'string' && (
          <span class="hint">
            {' '}
            {t('backups.retention_skipped', { message: ok.details.retention_error })}
          </span>
        )}
      </dd>
      <dt>{t('backups.last_drill')}</dt>
      <dd data-testid="last-drill">
        {drill
          ? t('backups.last_drill_value', {
              time: dateTime(drill.startedAt),
              snapshot: drill.snapshotId ?? '—',
              files: String(d.files ?? 0),
              rows: String(d.rows ?? 0),
              events: String(d.audit_events ?? 0),
            })
          : t('backups.never')}
      </dd>
      {check && (
        <>
          <dt>{t('backups.last_check')}</dt>
          <dd>
            {t('backups.check_value', {
              time: dateTime(check.startedAt),
              mode: t(
                mode === 'full'
                  ? 'backups.check_mode.full'
                  : mode === 'subset'
                    ? 'backups.check_mode.subset'
                    : 'backups.check_mode.none',
                { subset },
              ),
            })}
          </dd>
        </>
      )}
      <dt>{t('backups.next_run')}</dt>
      <dd>{props.nextRunAt ? dateTime(props.nextRunAt) : t('backups.not_scheduled')}</dd>
      <dt>{t('backups.next_drill')}</dt>
      <dd>{props.nextDrillAt ? dateTime(props.nextDrillAt) : t('backups.not_scheduled')}</dd>
    </dl>
  )
}
