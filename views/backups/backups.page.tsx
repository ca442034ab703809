import { BackupHistory } from './history.partial.js'
import { BackupRepository, type RepositoryProps } from './repository.partial.js'
import { BackupStatus, type RunView, type StatusProps } from './status.partial.js'

export type BackupsPageProps = StatusProps &
  Pick<RepositoryProps, 'repository'> & { history: RunView[] }

/** The owner's backup page: status and buttons, the repository, the history. */
export function BackupsPage(props: BackupsPageProps) {
  const { t } = props.i18n
  return (
    <>
      <h1>{t('backups.title')}</h1>
      <p class="muted">{t('backups.intro')}</p>
      {!props.configured && <p class="notice warning">{t('backups.not_configured')}</p>}
      <BackupStatus {...props} />
      <BackupRepository i18n={props.i18n} repository={props.repository} />
      <BackupHistory i18n={props.i18n} runs={props.history} />
    </>
  )
}
