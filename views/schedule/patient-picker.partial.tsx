import type { I18n } from '../../server/i18n/i18n.js'
import { numericDate, shortName, type PersonName } from './format.js'

export const PICKER_ID = 'patient-picker'

export interface PickerHit extends PersonName {
  id: number
  card_number: string
  birth_date: string
}

export interface PickerProps {
  i18n: I18n
  hits: readonly PickerHit[]
  selectedId?: number
  /** A query was typed: an empty list then means "nobody found", not "type something". */
  searched: boolean
  error?: string
}

/**
 * The patients found for the booking form, as radio buttons named patient_id. Names travel
 * only in POST bodies and this fragment, never in a URL (DESIGN.md §5).
 */
export function PatientPicker(props: PickerProps) {
  const { t } = props.i18n
  return (
    <div id={PICKER_ID} class="picker">
      {props.hits.length > 0 ? (
        <fieldset aria-describedby={props.error ? 'patient_id-error' : undefined}>
          <legend>{t('schedule.picker_legend')}</legend>
          {props.hits.map((h) => (
            <label class="picker-hit">
              <input
                type="radio"
                name="patient_id"
                value={String(h.id)}
                checked={h.id === props.selectedId}
                required
              />{' '}
              <span class="picker-name">{shortName(h)}</span>{' '}
              <span class="muted">
                {t('schedule.picker_details', {
                  born: numericDate(props.i18n, h.birth_date),
                  card: h.card_number,
                })}
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p class="hint">{t(props.searched ? 'schedule.picker_none' : 'schedule.picker_hint')}</p>
      )}
      {props.error && (
        <p class="error" id="patient_id-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  )
}
