import type { I18n } from '../../server/i18n/i18n.js'
import { findIcd10, type Icd10Code } from '../../server/medical/icd10.js'

export const ICD_OPTIONS_ID = 'icd-options'

/**
 * The K-code choice: «без кода», the code already chosen, then what the search found. Radio
 * buttons inside the record's form, so the choice is saved with it, with or without JS.
 */
export function IcdOptions(props: {
  i18n: I18n
  selected: string
  found: Icd10Code[]
  query: string
  error?: string
}) {
  const { t } = props.i18n
  const chosen = findIcd10(props.selected)
  const list = chosen ? [chosen, ...props.found.filter((c) => c.code !== chosen.code)] : props.found
  return (
    <fieldset
      id={ICD_OPTIONS_ID}
      class={props.error ? 'icd-options has-error' : 'icd-options'}
      aria-live="polite"
      aria-describedby={props.error ? 'diagnosis_code-error' : undefined}
    >
      <legend>{t('medical.field.diagnosis_code')}</legend>
      <label class="choice">
        <input type="radio" name="diagnosis_code" value="" checked={!chosen} />{' '}
        {t('medical.icd.no_code')}
      </label>
      {list.map((c) => (
        <label class="choice">
          <input
            type="radio"
            name="diagnosis_code"
            value={c.code}
            checked={chosen?.code === c.code}
          />{' '}
          <span class="icd-code">{c.code}</span> {c.name}
        </label>
      ))}
      {props.query.trim() !== '' && props.found.length === 0 && (
        <p class="muted">{t('medical.icd.none_found')}</p>
      )}
      {props.error && (
        <p class="error" id="diagnosis_code-error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  )
}
