import type { I18n } from '../../server/i18n/i18n.js'

type Zone = 'reception' | 'surgery' | 'office'

/** What the owner's pages show about one terminal (a devices row, selected columns). */
export interface DeviceSummary {
  id: number
  name: string
  zone: Zone
  serial: string
  issued_at: string
  not_after: string
  last_seen_at: string | null
  revoked_at: string | null
  replaced_by: number | null
}

/** Active or revoked (with the date), in words and colour-independent text. */
export function DeviceStatus(props: { i18n: I18n; device: DeviceSummary }) {
  const { t, date } = props.i18n
  const d = props.device
  if (!d.revoked_at) return <span class="device-status">{t('devices.status.active')}</span>
  return (
    <span class="device-status device-revoked">
      {t('devices.status.revoked')} {date(d.revoked_at)}
    </span>
  )
}

/** The zone select of the issue form. */
export function ZoneSelect(props: { i18n: I18n; id: string; value?: string; error?: string }) {
  const { t } = props.i18n
  const zones: Zone[] = ['reception', 'surgery', 'office']
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{t('devices.issue.zone')}</label>
      <select
        id={props.id}
        name="zone"
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {zones.map((z) => (
          <option value={z} selected={props.value === z}>
            {t(`zone.${z}`)}
          </option>
        ))}
      </select>
      {props.error && (
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  )
}
