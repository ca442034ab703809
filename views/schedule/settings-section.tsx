import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'
import type { Doctor } from '../../server/schedule/schedule.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { SelectField } from '../components/form-controls.js'
import { SettingsForm } from './settings-form.js'

/** A settings card: its title, the current entries (or a "none yet" line) and an add form. */
export function SettingsSection(props: {
  title: string
  /** Shown instead of `list` when there is nothing yet. */
  emptyText: string
  isEmpty: boolean
  list: Child
  csrfToken: string
  addAction: string
  addLabel: string
  /** The add form's fields. */
  children?: Child
}) {
  return (
    <section class="card">
      <h2>{props.title}</h2>
      {props.isEmpty ? <p class="muted">{props.emptyText}</p> : props.list}
      <SettingsForm action={props.addAction} class="settings-form">
        <CsrfField token={props.csrfToken} />
        {props.children}
        <button type="submit">{props.addLabel}</button>
      </SettingsForm>
    </section>
  )
}

/** An entry's inline «remove» button: a POST to `action` with the CSRF token. */
export function RemoveForm(props: { i18n: I18n; csrfToken: string; action: string }) {
  return (
    <SettingsForm action={props.action} class="inline-form">
      <CsrfField token={props.csrfToken} />
      <button type="submit" class="link-button">
        {props.i18n.t('schedule.remove')}
      </button>
    </SettingsForm>
  )
}

/** The required doctor choice of a settings add form, "— choose —" first. */
export function DoctorSelect(props: {
  i18n: I18n
  id: string
  doctors: readonly Doctor[]
  value: string
  error?: string
}) {
  const { t } = props.i18n
  return (
    <SelectField
      id={props.id}
      name="doctor_id"
      label={t('schedule.doctor')}
      options={props.doctors.map((d) => ({ value: String(d.id), label: d.full_name }))}
      value={props.value}
      placeholder={t('schedule.choose')}
      error={props.error}
      required
    />
  )
}
