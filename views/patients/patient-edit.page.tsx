import type { I18n } from '../../server/i18n/i18n.js'
import { PatientForm, type PatientFormProps } from './patient-form.partial.js'
import { PatientHeader, type PatientHeaderProps } from './patient-header.js'

/** The new-patient page, or the edit page of a card (with the card's header). */
export function PatientEditPage(
  props: PatientFormProps & { i18n: I18n; header?: Omit<PatientHeaderProps, 'i18n'> },
) {
  return (
    <section class="card">
      {props.header ? (
        <PatientHeader i18n={props.i18n} {...props.header} />
      ) : (
        <h1>{props.i18n.t('patients.new')}</h1>
      )}
      <PatientForm {...props} />
    </section>
  )
}
