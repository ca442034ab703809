import type { I18n } from '../../server/i18n/i18n.js'
import type { Doctor, HoursRow } from '../../server/schedule/schedule.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from './controls.js'
import { weekdayName } from './format.js'
import { SettingsForm } from './settings-form.js'

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
    <section class="card">
      <h2>{t('schedule.hours_title')}</h2>
      {props.hours.length === 0 ? (
        <p class="muted">{t('schedule.hours_none')}</p>
      ) : (
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
                  <SettingsForm
                    action={`/schedule/working-hours/${h.id}/delete`}
                    class="inline-form"
                  >
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" class="link-button">
                      {t('schedule.remove')}
                    </button>
                  </SettingsForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SettingsForm action="/schedule/working-hours" class="settings-form">
        <CsrfField token={props.csrfToken} />
        <SelectField
          id="hours-doctor"
          name="doctor_id"
          label={t('schedule.doctor')}
          options={props.doctors.map((d) => ({ value: String(d.id), label: d.full_name }))}
          value={f.doctor_id}
          placeholder={t('schedule.choose')}
          error={f.errors.doctor_id}
          required
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
        <button type="submit">{t('schedule.hours_add')}</button>
      </SettingsForm>
    </section>
  )
}
