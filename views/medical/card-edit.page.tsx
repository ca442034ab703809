import type { I18n } from '../../server/i18n/i18n.js'
import { CARD_FIELD_LABELS, CARD_TEXT_FIELDS } from '../../server/medical/layout.js'
import { BLOOD_GROUPS, RH_VALUES } from '../../server/medical/medical.table.js'
import type { FieldError } from '../../server/medical/text-input.js'
import { CsrfField } from '../components/csrf-field.js'
import { SelectField, TextAreaField } from '../components/form-controls.js'
import { FormError } from './inputs.js'
import { PatientBanner, type BannerPatient } from './patient-banner.js'

export interface CardValues {
  blood_group: string
  rh: string
  allergies: string
  chronic_conditions: string
  dispensary_conditions: string
}

export interface CardEditProps {
  i18n: I18n
  csrfToken: string
  patient: BannerPatient
  values: CardValues
  baseRevision: number
  errors: Partial<Record<keyof CardValues | 'form', FieldError>>
}

/** The medical part of the title page; every save is a new revision (nothing is overwritten). */
export function CardEditPage(props: CardEditProps) {
  const { t } = props.i18n
  const err = (k: keyof CardEditProps['errors']) => {
    const e = props.errors[k]
    return e ? t(e.key, e.params) : undefined
  }
  return (
    <article class="card">
      <PatientBanner i18n={props.i18n} patient={props.patient} current="card" />
      <h1>{t('medical.card.edit_title')}</h1>
      <FormError message={err('form')} />
      <form method="post" action={`/patients/${props.patient.id}/medical/title`}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="base_revision" value={String(props.baseRevision)} />
        <SelectField
          id="blood_group"
          name="blood_group"
          label={t('medical.card.blood_group')}
          value={props.values.blood_group}
          error={err('blood_group')}
          options={BLOOD_GROUPS.map((g) => ({ value: g, label: t(`medical.blood.${g}`) }))}
        />
        <SelectField
          id="rh"
          name="rh"
          label={t('medical.card.rh')}
          value={props.values.rh}
          error={err('rh')}
          options={RH_VALUES.map((r) => ({ value: r, label: t(`medical.rh.${r}`) }))}
        />
        {CARD_TEXT_FIELDS.map((f) => (
          <TextAreaField
            id={f}
            name={f}
            label={t(CARD_FIELD_LABELS[f])}
            value={props.values[f]}
            error={err(f)}
            rows={3}
            leadingNewline
            hint={f === 'allergies' ? undefined : t('medical.card.conditions_hint')}
          />
        ))}
        <p>
          <button type="submit" class="primary">
            {t('medical.card.save')}
          </button>{' '}
          <a href={`/patients/${props.patient.id}/medical`}>{t('medical.editor.cancel')}</a>
        </p>
      </form>
    </article>
  )
}
