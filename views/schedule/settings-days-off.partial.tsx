import type { I18n } from '../../server/i18n/i18n.js'
import type { Doctor } from '../../server/schedule/schedule.queries.js'
import { Field } from '../components/field.js'
import { numericDate } from './format.js'
import { DoctorSelect, RemoveForm, SettingsSection } from './settings-section.js'

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
    <SettingsSection
      title={t('schedule.days_off_title')}
      emptyText={t('schedule.days_off_none')}
      isEmpty={props.daysOff.length === 0}
      list={
        <ul class="plain-list">
          {props.daysOff.map((o) => (
            <li>
              {numericDate(props.i18n, o.date)} — {doctorName.get(o.doctor_id) ?? `#${o.doctor_id}`}
              {o.reason && ` (${o.reason})`}{' '}
              <RemoveForm
                i18n={props.i18n}
                csrfToken={props.csrfToken}
                action={`/schedule/days-off/${o.id}/delete`}
              />
            </li>
          ))}
        </ul>
      }
      csrfToken={props.csrfToken}
      addAction="/schedule/days-off"
      addLabel={t('schedule.day_off_add')}
    >
      <DoctorSelect
        i18n={props.i18n}
        id="off-doctor"
        doctors={props.doctors}
        value={f.doctor_id}
        error={f.errors.doctor_id}
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
    </SettingsSection>
  )
}
