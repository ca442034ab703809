import type { I18n } from '../../server/i18n/i18n.js'
import type {
  PatientField,
  PatientFormErrors,
  PatientFormInput,
} from '../../server/patients/patient-form.js'
import { CONTACT_CHANNELS, ID_DOC_TYPES, SEXES } from '../../server/patients/patients.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'
import { DuplicateWarning, type DuplicateCard } from './duplicate-warning.partial.js'

export const PATIENT_FORM_ID = 'patient-form'

export interface PatientFormProps {
  i18n: I18n
  csrfToken: string
  action: string
  cancelHref: string
  values: PatientFormInput
  errors: PatientFormErrors
  duplicates?: DuplicateCard[]
}

/** New and edit forms of the patient card; re-rendered with the input and messages on 422. */
export function PatientForm(props: PatientFormProps) {
  const { t } = props.i18n
  const hasErrors = Object.keys(props.errors).length > 0
  const dupes = (props.duplicates?.length ?? 0) > 0
  const field = (
    name: PatientField,
    extra: { type?: string; hint?: string; required?: boolean; autocomplete?: string } = {},
  ) => (
    <Field
      id={`patient-${name}`}
      name={name}
      label={t(`patients.field.${name}`)}
      value={props.values[name]}
      error={props.errors[name]}
      {...extra}
    />
  )
  const choose = { value: '', label: t('patients.choose') }
  return (
    <form id={PATIENT_FORM_ID} method="post" action={props.action} class="patient-form" novalidate>
      <CsrfField token={props.csrfToken} />
      {hasErrors && (
        <p class="error-box" role="alert">
          {t('patients.fix_errors')}
        </p>
      )}
      {dupes && (
        <p class="error-box">
          <a href="#duplicate-heading">{t('patients.duplicate.title')}</a>
        </p>
      )}
      <fieldset>
        <legend>{t('patients.section.person')}</legend>
        {field('surname', { required: true, autocomplete: 'off' })}
        {field('name', { required: true, autocomplete: 'off' })}
        {field('patronymic', { autocomplete: 'off' })}
        <SelectField
          id="patient-sex"
          name="sex"
          label={t('patients.field.sex')}
          required
          value={props.values.sex}
          error={props.errors.sex}
          options={[choose, ...SEXES.map((s) => ({ value: s, label: t(`patients.sex.${s}`) }))]}
        />
        {field('birth_date', { type: 'date', required: true })}
        {field('card_number', { hint: t('patients.field.card_number_hint') })}
      </fieldset>
      <fieldset>
        <legend>{t('patients.section.contacts')}</legend>
        {field('phone', { type: 'tel', hint: t('patients.field.phone_hint') })}
        {field('phone_extra', { type: 'tel' })}
        {field('email', { type: 'email' })}
        {field('address')}
        <SelectField
          id="patient-contact_channel"
          name="contact_channel"
          label={t('patients.field.contact_channel')}
          value={props.values.contact_channel}
          error={props.errors.contact_channel}
          options={[
            choose,
            ...CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`patients.channel.${c}`) })),
          ]}
        />
      </fieldset>
      <fieldset>
        <legend>{t('patients.section.insurance')}</legend>
        {field('snils', { hint: t('patients.field.snils_hint') })}
        {field('oms_policy', { hint: t('patients.field.oms_policy_hint') })}
        {field('oms_insurer')}
        {field('dms_policy')}
        {field('dms_insurer')}
      </fieldset>
      <fieldset>
        <legend>{t('patients.section.document')}</legend>
        <SelectField
          id="patient-id_doc_type"
          name="id_doc_type"
          label={t('patients.field.id_doc_type')}
          value={props.values.id_doc_type}
          error={props.errors.id_doc_type}
          options={[
            choose,
            ...ID_DOC_TYPES.map((d) => ({ value: d, label: t(`patients.doc.${d}`) })),
          ]}
        />
        {field('id_doc_series')}
        {field('id_doc_number')}
        {field('id_doc_issued_by')}
        {field('id_doc_issued_on', { type: 'date' })}
      </fieldset>
      <fieldset>
        <legend>{t('patients.section.guardian')}</legend>
        {field('guardian_card', { hint: t('patients.field.guardian_hint') })}
        {field('guardian_relation')}
      </fieldset>
      <p class="form-actions">
        <button type="submit" class="primary">
          {t('patients.save')}
        </button>{' '}
        <a href={props.cancelHref}>{t('patients.cancel')}</a>
      </p>
      {/* After the main button: Enter in a field must save normally, never "save anyway". */}
      {dupes && <DuplicateWarning i18n={props.i18n} duplicates={props.duplicates ?? []} />}
    </form>
  )
}
