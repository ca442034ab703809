import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { DeviceStatus, type DeviceSummary } from './device-status.js'

export const DEVICE_PAGE_ID = 'device-page'

/** Where getting the bundle onto the terminal stands. */
export type EnrollmentState =
  | { state: 'open'; expiresAt: string }
  | { state: 'ready' }
  | { state: 'no_bundle' }
  | { state: 'unavailable' }

export interface DevicePageProps {
  i18n: I18n
  csrfToken: string
  device: DeviceSummary
  isCurrent: boolean
  enrollment: EnrollmentState
  windowMinutes: number
  /** A refusal to show on top (409: cannot do that now). */
  error?: string
  rename?: { value?: string; error?: string }
}

/** One terminal: facts, rename, enrollment window, revoke and reissue. */
export function DevicePage(props: DevicePageProps) {
  const { t, date, dateTime } = props.i18n
  const d = props.device
  const base = `/admin/devices/${d.id}`
  return (
    <section class="card" id={DEVICE_PAGE_ID}>
      <p>
        <a href="/admin/devices">{t('devices.back')}</a>
      </p>
      <h1>
        {d.name}
        {props.isCurrent && <span class="muted"> ({t('devices.current')})</span>}
      </h1>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <dl class="facts">
        <dt>{t('devices.col.zone')}</dt>
        <dd>{t(`zone.${d.zone}`)}</dd>
        <dt>{t('devices.col.status')}</dt>
        <dd>
          <DeviceStatus i18n={props.i18n} device={d} />
        </dd>
        {d.replaced_by !== null && <dt>{t('devices.replaced_by')}</dt>}
        {d.replaced_by !== null && (
          <dd>
            <a href={`/admin/devices/${d.replaced_by}`}>
              {t('devices.replaced_by_link', { id: d.replaced_by })}
            </a>
          </dd>
        )}
        <dt>{t('devices.col.issued')}</dt>
        <dd>{dateTime(d.issued_at)}</dd>
        <dt>{t('devices.col.not_after')}</dt>
        <dd>{date(d.not_after)}</dd>
        <dt>{t('devices.col.last_seen')}</dt>
        <dd>{d.last_seen_at ? dateTime(d.last_seen_at) : t('devices.never')}</dd>
        <dt>{t('devices.col.serial')}</dt>
        <dd class="device-serial">{d.serial}</dd>
      </dl>
      {!d.revoked_at && (
        <form method="post" action={`${base}/rename`} class="device-section">
          <h2>{t('devices.rename.title')}</h2>
          <CsrfField token={props.csrfToken} />
          <Field
            id="rename-name"
            name="name"
            label={t('devices.issue.name')}
            value={props.rename?.value ?? d.name}
            error={props.rename?.error}
            required
          />
          <button type="submit">{t('devices.rename.submit')}</button>
        </form>
      )}
      {!d.revoked_at && <EnrollmentBox {...props} base={base} />}
      {d.replaced_by === null && (
        <div class="device-section">
          <h2>{t('devices.actions')}</h2>
          <p class="device-actions">
            <a class="button" href={`${base}/reissue`}>
              {t('devices.reissue')}
            </a>
            {!d.revoked_at && (
              <a class="button danger-action" href={`${base}/revoke`}>
                {t('devices.revoke')}
              </a>
            )}
          </p>
        </div>
      )}
    </section>
  )
}

function EnrollmentBox(props: DevicePageProps & { base: string }) {
  const { t, dateTime } = props.i18n
  const e = props.enrollment
  return (
    <div class="device-section">
      <h2>{t('enroll.section')}</h2>
      {e.state === 'open' && (
        <form method="post" action={`${props.base}/enroll/close`}>
          <p>{t('enroll.window_open', { time: dateTime(e.expiresAt) })}</p>
          <CsrfField token={props.csrfToken} />
          <button type="submit">{t('enroll.close')}</button>
        </form>
      )}
      {e.state === 'ready' && (
        <form method="post" action={`${props.base}/enroll`}>
          <p class="muted">{t('enroll.hint', { minutes: props.windowMinutes })}</p>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="primary">
            {t('enroll.open')}
          </button>
        </form>
      )}
      {e.state === 'no_bundle' && <p>{t('enroll.no_bundle')}</p>}
      {e.state === 'unavailable' && <p>{t('enroll.unavailable')}</p>}
    </div>
  )
}
