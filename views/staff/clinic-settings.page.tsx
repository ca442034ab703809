import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { StaffNav } from './staff-nav.js'

export const CLINIC_SETTINGS_ID = 'clinic-settings'

export interface ClinicSettingsProps {
  i18n: I18n
  csrfToken: string
  values: { medicalVisibility: string; requireTotpForAdmin: string }
  errors?: { medicalVisibility?: string; requireTotpForAdmin?: string }
  notice?: string
}

function Choice(props: {
  name: string
  value: string
  checked: boolean
  label: string
  id: string
}) {
  return (
    <div class="choice">
      <input
        type="radio"
        id={props.id}
        name={props.name}
        value={props.value}
        checked={props.checked}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  )
}

/** One setting as a group of radio choices, with its hint and, after a 422, its error. */
function RadioFieldset(props: {
  legend: string
  name: string
  value: string
  choices: { id: string; value: string; label: string }[]
  hintId: string
  hint: string
  error?: string
}) {
  return (
    <fieldset class={props.error ? 'has-error' : undefined} aria-describedby={props.hintId}>
      <legend>{props.legend}</legend>
      {props.choices.map((c) => (
        <Choice
          id={c.id}
          name={props.name}
          value={c.value}
          checked={props.value === c.value}
          label={c.label}
        />
      ))}
      <p class="hint" id={props.hintId}>
        {props.hint}
      </p>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  )
}

/** Clinic-wide access options; every change is audited as settings.change, old → new. */
export function ClinicSettingsPage(props: ClinicSettingsProps) {
  const { t } = props.i18n
  const e = props.errors ?? {}
  const v = props.values
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <StaffNav i18n={props.i18n} current="settings" />
      <section class="card staff-card" id={CLINIC_SETTINGS_ID}>
        {props.notice && (
          <p class="notice" role="status">
            {props.notice}
          </p>
        )}
        <form method="post" action="/admin/settings">
          <CsrfField token={props.csrfToken} />
          <RadioFieldset
            legend={t('settings.visibility.label')}
            name="medical_visibility"
            value={v.medicalVisibility}
            choices={[
              { id: 'visibility-all', value: 'all', label: t('settings.visibility.all') },
              { id: 'visibility-own', value: 'own', label: t('settings.visibility.own') },
            ]}
            hintId="visibility-hint"
            hint={t('settings.visibility.hint')}
            error={e.medicalVisibility}
          />
          <RadioFieldset
            legend={t('settings.totp.label')}
            name="require_totp_for_admin"
            value={v.requireTotpForAdmin}
            choices={[
              { id: 'require-totp-on', value: '1', label: t('settings.totp.on') },
              { id: 'require-totp-off', value: '0', label: t('settings.totp.off') },
            ]}
            hintId="totp-hint"
            hint={t('settings.totp.hint')}
            error={e.requireTotpForAdmin}
          />
          <button type="submit" class="primary">
            {t('settings.save')}
          </button>
        </form>
      </section>
    </>
  )
}
