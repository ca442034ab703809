import type { I18n } from '../../server/i18n/i18n.js'
import { formatBytes } from './format.js'

export const REPOSITORY_ID = 'backup-repository'

export interface RepositoryProps {
  i18n: I18n
  /** Cached by the scheduler after each job; absent until the first refresh. */
  repository?: {
    snapshots: { shortId: string; time: string; hostname: string }[]
    sizeBytes?: number
    fetchedAt: string
    failed: boolean
  }
}

const SHOWN = 10

/** Repository size and the newest snapshots, from the scheduler's cache (never a restic call). */
export function BackupRepository(props: RepositoryProps) {
  const { t, dateTime } = props.i18n
  const repo = props.repository
  if (!repo) {
    return (
      <section id={REPOSITORY_ID} class="card">
        <h2>{t('backups.repository')}</h2>
        <p class="muted">{t('backups.repo_unknown')}</p>
      </section>
    )
  }
  const newest = [...repo.snapshots].reverse().slice(0, SHOWN)
  return (
    <section id={REPOSITORY_ID} class="card">
      <h2>{t('backups.repository')}</h2>
      {repo.failed && <p class="error-box">{t('backups.repo_error')}</p>}
      <dl class="facts">
        <dt>{t('backups.repo_size')}</dt>
        <dd data-testid="repo-size">
          {repo.sizeBytes === undefined ? '—' : formatBytes(props.i18n, repo.sizeBytes)}
        </dd>
        <dt>{t('backups.snapshot_count')}</dt>
        <dd data-testid="snapshot-count">{String(repo.snapshots.length)}</dd>
      </dl>
      {newest.length > 0 && (
        <table class="backup-table">
          <caption>{t('backups.snapshots')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backups.col.time')}</th>
              <th scope="col">{t('backups.col.snapshot')}</th>
              <th scope="col">{t('backups.col.host')}</th>
            </tr>
          </thead>
          <tbody>
            {newest.map((s) => (
              <tr>
                <td>{s.time ? dateTime(s.time) : '—'}</td>
                <td>
                  <code>{s.shortId}</code>
                </td>
                <td>{s.hostname}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">{t('backups.repo_updated', { time: dateTime(repo.fetchedAt) })}</p>
    </section>
  )
}
