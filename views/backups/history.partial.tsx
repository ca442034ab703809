import type { I18n } from '../../server/i18n/i18n.js'
import { errorAdvice, formatSeconds } from './format.js'
import type { RunView } from './status.partial.js'

export const HISTORY_ID = 'backup-history'

/** The last backups, drills and checks, failures in red. */
export function BackupHistory(props: { i18n: I18n; runs: RunView[] }) {
  const { t, dateTime } = props.i18n
  if (props.runs.length === 0) return <></>
  return (
    <section id={HISTORY_ID} class="card">
      <table class="backup-table">
        <caption>{t('backups.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('backups.col.time')}</th>
            <th scope="col">{t('backups.col.kind')}</th>
            <th scope="col">{t('backups.col.duration')}</th>
            <th scope="col">{t('backups.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {props.runs.map((r) => (
            <tr class={r.outcome === 'failed' ? 'backup-failed' : undefined}>
              <td>{dateTime(r.startedAt)}</td>
              <td>{t(`backups.kind.${r.kind}`)}</td>
              <td>{formatSeconds(props.i18n, r.durationMs)}</td>
              <td>
                {r.outcome === 'ok' ? (
                  t('backups.outcome.ok')
                ) : (
                  <span class="error">
                    {t('backups.outcome.failed')}: {errorAdvice(props.i18n, r.errorCode)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
