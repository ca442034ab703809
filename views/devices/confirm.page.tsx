import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'

export interface ConfirmPageProps {
  i18n: I18n
  csrfToken: string
  device: { id: number; name: string }
  action: 'revoke' | 'reissue'
  /** The owner is about to cut off the terminal they are using: ask for an explicit tick. */
  isCurrent: boolean
  error?: string
}

/** The confirmation step before a revoke or a reissue (both revoke a certificate). */
export function ConfirmPage(props: ConfirmPageProps) {
  const { t } = props.i18n
  const d = props.device
  return (
    <section class="card narrow">
      <h1>{t(`devices.${props.action}.title`, { name: d.name })}</h1>
      <p>{t(`devices.${props.action}.text`)}</p>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action={`/admin/devices/${d.id}/${props.action}`}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        {props.isCurrent && (
          <div class="field">
            <p class="error-box">{t('devices.confirm.self')}</p>
            <label class="device-check">
              <input type="checkbox" name="confirm_self" value="yes" required />{' '}
              {t('devices.confirm.self_check')}
            </label>
          </div>
        )}
        <p class="device-actions">
          <button type="submit" class="danger-action">
            {t(`devices.${props.action}.submit`)}
          </button>
          <a class="button" href={`/admin/devices/${d.id}`}>
            {t('devices.confirm.cancel')}
          </a>
        </p>
      </form>
    </section>
  )
}
