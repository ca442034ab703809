import type { I18n } from '../../server/i18n/i18n.js'
import type { Doctor, HoursRow } from '../../server/schedule/schedule.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SETTINGS_ID, SettingsForm } from './settings-form.js'
import { HoursSection, type HoursFormValues } from './settings-hours.partial.js'
import {
  DaysOffSection,
  type DayOffFormValues,
  type DayOffListRow,
} from './settings-days-off.partial.js'

export interface SettingsProps {
  i18n: I18n
  csrfToken: string
  chairs: readonly { id: number; name: string; active: number }[]
  doctors: readonly Doctor[]
  hours: readonly HoursRow[]
  daysOff: readonly DayOffListRow[]
  chairForm: { name: string; error?: string }
  hoursForm: HoursFormValues
  dayOffForm: DayOffFormValues
}

/** Chairs, doctors' working hours and days off. */
export function SettingsPage(props: SettingsProps) {
  const { t } = props.i18n
  return (
    <div id={SETTINGS_ID} class="schedule-settings">
      <p>
        <a href="/schedule">{t('schedule.back_to_day')}</a>
      </p>
      <h1>{t('schedule.settings_title')}</h1>
      <section class="card">
        <h2>{t('schedule.chairs')}</h2>
        {props.chairs.length === 0 ? (
          <p class="muted">{t('schedule.no_chairs')}</p>
        ) : (
          <ul class="plain-list">
            {props.chairs.map((c) => (
              <li>
                <span class={c.active ? undefined : 'muted'}>
                  {c.name}
                  {!c.active && ` (${t('schedule.chair_inactive')})`}
                </span>{' '}
                <SettingsForm action={`/schedule/chairs/${c.id}/active`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="active" value={c.active ? '0' : '1'} />
                  <button type="submit" class="link-button">
                    {t(c.active ? 'schedule.chair_deactivate' : 'schedule.chair_activate')}
                  </button>
                </SettingsForm>
              </li>
            ))}
          </ul>
        )}
        <SettingsForm action="/schedule/chairs">
          <CsrfField token={props.csrfToken} />
          <Field
            id="chair-name"
            name="name"
            label={t('schedule.chair_name')}
            value={props.chairForm.name}
            error={props.chairForm.error}
            required
          />
          <button type="submit">{t('schedule.chair_add')}</button>
        </SettingsForm>
      </section>
      <HoursSection {...props} />
      <DaysOffSection {...props} />
    </div>
  )
}
