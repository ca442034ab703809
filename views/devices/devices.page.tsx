import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { DeviceStatus, ZoneSelect, type DeviceSummary } from './device-status.js'

export const ISSUE_FORM_ID = 'device-issue-form'

export interface IssueFormProps {
  i18n: I18n
  csrfToken: string
  name?: string
  zone?: string
  errors?: { name?: string; zone?: string }
}

/** Issue a certificate for a new terminal; re-rendered with the input on 422. */
export function IssueForm(props: IssueFormProps) {
  const { t } = props.i18n
  return (
    <section class="card" id={ISSUE_FORM_ID}>
      <h2>{t('devices.issue.title')}</h2>
      <form method="post" action="/admin/devices/issue">
        <CsrfField token={props.csrfToken} />
        <Field
          id="device-name"
          name="name"
          label={t('devices.issue.name')}
          hint={t('devices.issue.name_hint')}
          value={props.name}
          error={props.errors?.name}
          required
        />
        <ZoneSelect
          i18n={props.i18n}
          id="device-zone"
          value={props.zone}
          error={props.errors?.zone}
        />
        <button type="submit" class="primary">
          {t('devices.issue.submit')}
        </button>
      </form>
    </section>
  )
}

export interface DevicesPageProps extends IssueFormProps {
  devices: DeviceSummary[]
  /** The terminal this page is viewed on, marked in the list. */
  currentDeviceId: number
}

/** The owner's list of terminals with the issue form under it. */
export function DevicesPage(props: DevicesPageProps) {
  const { t, date, dateTime } = props.i18n
  return (
    <>
      <section class="card">
        <h1>{t('devices.title')}</h1>
        <p class="muted">{t('devices.intro')}</p>
        {props.devices.length === 0 ? (
          <p>{t('devices.empty')}</p>
        ) : (
          <table class="device-table">
            <thead>
              <tr>
                <th scope="col">{t('devices.col.name')}</th>
                <th scope="col">{t('devices.col.zone')}</th>
                <th scope="col">{t('devices.col.issued')}</th>
                <th scope="col">{t('devices.col.not_after')}</th>
                <th scope="col">{t('devices.col.last_seen')}</th>
                <th scope="col">{t('devices.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.devices.map((d) => (
                <tr>
                  <td>
                    <a href={`/admin/devices/${d.id}`}>{d.name}</a>
                    {d.id === props.currentDeviceId && (
                      <span class="muted"> ({t('devices.current')})</span>
                    )}
                  </td>
                  <td>{t(`zone.${d.zone}`)}</td>
                  <td>{date(d.issued_at)}</td>
                  <td>{date(d.not_after)}</td>
                  <td>{d.last_seen_at ? dateTime(d.last_seen_at) : t('devices.never')}</td>
                  <td>
                    <DeviceStatus i18n={props.i18n} device={d} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <IssueForm {...props} />
    </>
  )
}
