import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'

export interface WindowPageProps {
  i18n: I18n
  csrfToken: string
  device: { id: number; name: string; zone: 'reception' | 'surgery' | 'office' }
  /** The full address to type on the new terminal. */
  url: string
  /** Shown on this response only: the server keeps just an HMAC of it. */
  pin: string
  expiresAt: string
  maxAttempts: number
  /** SHA-256 of the server certificate, to check against the new terminal's browser warning. */
  fingerprint256: string
}

/** The owner's screen while a window is open: address, PIN, fingerprint, a close button. */
export function WindowPage(props: WindowPageProps) {
  const { t, dateTime } = props.i18n
  const d = props.device
  return (
    <section class="card">
      <h1>{t('enroll.title')}</h1>
      <p>{t('enroll.for', { name: d.name, zone: t(`zone.${d.zone}`) })}</p>
      <ol class="enroll-steps">
        <li>{t('enroll.step.address')}</li>
        <li>{t('enroll.step.fingerprint')}</li>
        <li>{t('enroll.step.pin')}</li>
        <li>{t('enroll.step.import')}</li>
      </ol>
      <dl class="facts">
        <dt>{t('enroll.address')}</dt>
        <dd class="one-time-secret" data-testid="enroll-url">
          {props.url}
        </dd>
        <dt>{t('enroll.pin')}</dt>
        <dd class="one-time-secret" data-testid="enroll-pin">
          {props.pin}
        </dd>
        <dt>{t('enroll.fingerprint')}</dt>
        <dd class="device-serial">{props.fingerprint256}</dd>
      </dl>
      <p class="notice" role="status">
        {t('enroll.expires', { time: dateTime(props.expiresAt), attempts: props.maxAttempts })}{' '}
        {t('enroll.pin_once')}
      </p>
      <form method="post" action={`/admin/devices/${d.id}/enroll/close`} class="device-section">
        <CsrfField token={props.csrfToken} />
        <button type="submit">{t('enroll.close')}</button>{' '}
        <a href={`/admin/devices/${d.id}`}>{d.name}</a>
      </form>
    </section>
  )
}
