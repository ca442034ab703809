import type { I18n } from '../../server/i18n/i18n.js'
import type { Doctor } from '../../server/schedule/schedule.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from './controls.js'
import { numericDate } from './format.js'
import { SettingsForm } from './settings-form.js'

export interface DayOffListRow {
  id: number
  doctor_id: number
  date: string
  reason: string | null
}

export interface DayOffFormValues {
  doctor_id: string
  date: string
  reason: string
  errors: Partial<Record<'doctor_id' | 'date' | 'reason', string>>
}

/** Days off (leave, sick days, courses) from today on; the grid marks the doctor's column. */
export function DaysOffSection(props: {
  i18n: I18n
  csrfToken: string
  doctors: readonly Doctor[]
  daysOff: readonly DayOffListRow[]
  dayOffForm: DayOffFormValues
}) {
  const { t } = props.i18n
  const f = props.dayOffForm
  const doctorName = new Map(props.doctors.map((d) => [d.id, d.full_name]))
  return (
    <section class="card">
      <h2>{t('schedule.days_off_title')}</h2>
      {props.daysOff.length === 0 ? (
        <p class="muted">{t('schedule.days_off_none')}</p>
      ) : (
        <ul class="plain-list">
          {props.daysOff.map((o) => (
            <li>
              {numericDate(props.i18n, o.date)} — {doctorName.get(o.doctor_id) ?? `#${o.doctor_id}`}
              {o.reason && ` (${o.reason})`}{' '}
              <SettingsForm action={`/schedule/days-off/${o.id}/delete`} class="inline-form">
                <CsrfField token={props.csrfToken} />
                <button type="submit" class="link-button">
                  {t('schedule.remove')}
                </button>
              </SettingsForm>
            </li>
          ))}
        </ul>
      )}
      <SettingsForm action="/schedule/days-off" class="settings-form">
        <CsrfField token={props.csrfToken} />
        <SelectField
          id="off-doctor"
          name="doctor_id"
          label={t('schedule.doctor')}
          options={props.doctors.map((d) => ({ value: String(d.id), label: d.full_name }))}
          value={f.doctor_id}
          placeholder={t('schedule.choose')}
          error={f.errors.doctor_id}
          required
        />
        <Field
          id="off-date"
          name="date"
          type="date"
          label={t('schedule.date')}
          value={f.date}
          error={f.errors.date}
          required
        />
        <Field
          id="off-reason"
          name="reason"
          label={t('schedule.day_off_reason_label')}
          value={f.reason}
          error={f.errors.reason}
        />
        <button type="submit">{t('schedule.day_off_add')}</button>
      </SettingsForm>
    </section>
  )
}
