import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'

export interface IssuedPageProps {
  i18n: I18n
  csrfToken: string
  device: { id: number; name: string; zone: 'reception' | 'surgery' | 'office' }
  /** Shown here once: it is stored nowhere, so this response is its only copy. */
  passphrase: string
  reissued: boolean
  /** False when no enrollment listener runs in this process. */
  canEnroll: boolean
}

/** After issue or reissue: the passphrase, once, and the way to the terminal. */
export function IssuedPage(props: IssuedPageProps) {
  const { t } = props.i18n
  const d = props.device
  return (
    <section class="card">
      <h1>{t(props.reissued ? 'devices.reissued.title' : 'devices.issued.title')}</h1>
      <p>{t('devices.issued.text', { name: d.name, zone: t(`zone.${d.zone}`) })}</p>
      <dl class="facts">
        <dt>{t('devices.issued.passphrase')}</dt>
        <dd class="one-time-secret" data-testid="passphrase">
          {props.passphrase}
        </dd>
      </dl>
      <p class="notice" role="status">
        {t('devices.issued.passphrase_once')}
      </p>
      {props.canEnroll ? (
        <form method="post" action={`/admin/devices/${d.id}/enroll`} class="device-section">
          <p>{t('devices.issued.next')}</p>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="primary">
            {t('enroll.open')}
          </button>
        </form>
      ) : (
        <p>{t('enroll.unavailable')}</p>
      )}
      <p class="muted">{t('devices.issued.cli')}</p>
      <p>
        <a href={`/admin/devices/${d.id}`}>{d.name}</a> ·{' '}
        <a href="/admin/devices">{t('devices.back')}</a>
      </p>
    </section>
  )
}
