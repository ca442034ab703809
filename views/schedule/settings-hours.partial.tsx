import type { I18n } from '../../server/i18n/i18n.js'
import type { Doctor, HoursRow } from '../../server/schedule/schedule.queries.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'
import { weekdayName } from './format.js'
import { DoctorSelect, RemoveForm, SettingsSection } from './settings-section.js'

export interface HoursFormValues {
  doctor_id: string
  weekday: string
  starts: string
  ends: string
  chair_id: string
  errors: Partial<Record<'doctor_id' | 'weekday' | 'starts' | 'ends' | 'chair_id', string>>
}

/** Doctors' regular hours per weekday: the grid shades them; booking outside them warns. */
export function HoursSection(props: {
  i18n: I18n
  csrfToken: string
  doctors: readonly Doctor[]
  chairs: readonly { id: number; name: string; active: number }[]
  hours: readonly HoursRow[]
  hoursForm: HoursFormValues
}) {
  const { t } = props.i18n
  const f = props.hoursForm
  const doctorName = new Map(props.doctors.map((d) => [d.id, d.full_name]))
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({
    value: String(d),
    label: weekdayName(props.i18n, d),
  }))
  return (
    <SettingsSection
      title={t('schedule.hours_title')}
      emptyText={t('schedule.hours_none')}
      isEmpty={props.hours.length === 0}
      list={
        <table>
          <thead>
            <tr>
              <th scope="col">{t('schedule.doctor')}</th>
              <th scope="col">{t('schedule.weekday')}</th>
              <th scope="col">{t('schedule.time')}</th>
              <th scope="col">{t('schedule.chair')}</th>
              <th scope="col">{t('schedule.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.hours.map((h) => (
              <tr>
                <td>{doctorName.get(h.doctor_id) ?? `#${h.doctor_id}`}</td>
                <td>{weekdayName(props.i18n, h.weekday)}</td>
                <td>{`${h.starts}–${h.ends}`}</td>
                <td>{h.chair_name ?? '—'}</td>
                <td>
                  <RemoveForm
                    i18n={props.i18n}
                    csrfToken={props.csrfToken}
                    action={`/schedule/working-hours/${h.id}/delete`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      csrfToken={props.csrfToken}
      addAction="/schedule/working-hours"
      addLabel={t('schedule.hours_add')}
    >
      <DoctorSelect
        i18n={props.i18n}
        id="hours-doctor"
        doctors={props.doctors}
        value={f.doctor_id}
        error={f.errors.doctor_id}
      />
      <SelectField
        id="hours-weekday"
        name="weekday"
        label={t('schedule.weekday')}
        options={weekdays}
        value={f.weekday}
        error={f.errors.weekday}
        required
      />
      <Field
        id="hours-starts"
        name="starts"
        type="time"
        label={t('schedule.hours_from')}
        value={f.starts}
        error={f.errors.starts}
        required
      />
      <Field
        id="hours-ends"
        name="ends"
        type="time"
        label={t('schedule.hours_to')}
        value={f.ends}
        error={f.errors.ends}
        required
      />
      <SelectField
        id="hours-chair"
        name="chair_id"
        label={t('schedule.chair')}
        options={props.chairs
          .filter((c) => c.active)
          .map((c) => ({ value: String(c.id), label: c.name }))}
        value={f.chair_id}
        placeholder={t('schedule.any_chair')}
        error={f.errors.chair_id}
      />
    </SettingsSection>
  )
}
