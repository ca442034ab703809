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
          <fieldset
            class={e.medicalVisibility ? 'has-error' : undefined}
            aria-describedby="visibility-hint"
          >
            <legend>{t('settings.visibility.label')}</legend>
            <Choice
              id="visibility-all"
              name="medical_visibility"
              value="all"
              checked={v.medicalVisibility === 'all'}
              label={t('settings.visibility.all')}
            />
            <Choice
              id="visibility-own"
              name="medical_visibility"
              value="own"
              checked={v.medicalVisibility === 'own'}
              label={t('settings.visibility.own')}
            />
            <p class="hint" id="visibility-hint">
              {t('settings.visibility.hint')}
            </p>
            {e.medicalVisibility && (
              <p class="error" role="alert">
                {e.medicalVisibility}
              </p>
            )}
          </fieldset>
          <fieldset
            class={e.requireTotpForAdmin ? 'has-error' : undefined}
            aria-describedby="totp-hint"
          >
            <legend>{t('settings.totp.label')}</legend>
            <Choice
              id="require-totp-on"
              name="require_totp_for_admin"
              value="1"
              checked={v.requireTotpForAdmin === '1'}
              label={t('settings.totp.on')}
            />
            <Choice
              id="require-totp-off"
              name="require_totp_for_admin"
              value="0"
              checked={v.requireTotpForAdmin === '0'}
              label={t('settings.totp.off')}
            />
            <p class="hint" id="totp-hint">
              {t('settings.totp.hint')}
            </p>
            {e.requireTotpForAdmin && (
              <p class="error" role="alert">
                {e.requireTotpForAdmin}
              </p>
            )}
          </fieldset>
          <button type="submit" class="primary">
            {t('settings.save')}
          </button>
        </form>
      </section>
    </>
  )
}
