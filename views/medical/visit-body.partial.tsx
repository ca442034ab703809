import type { I18n } from '../../server/i18n/i18n.js'
import { findIcd10 } from '../../server/medical/icd10.js'
import { VISIT_FIELD_LABELS, VISIT_TEXT_FIELDS } from '../../server/medical/layout.js'
import type { VisitContent } from '../../server/medical/visit-form.js'
import { formatDay } from '../../server/medical/format.js'

/** A visit record's content in the order of form 025/у; empty fields are left out. */
export function VisitBody(props: { i18n: I18n; entry: VisitContent; doctorName: string }) {
  const { t } = props.i18n
  const e = props.entry
  const icd = e.diagnosis_code ? findIcd10(e.diagnosis_code) : undefined
  const field = (f: (typeof VISIT_TEXT_FIELDS)[number]) =>
    e[f].trim() === '' ? null : (
      <>
        <dt>{t(VISIT_FIELD_LABELS[f])}</dt>
        <dd class="record-text">{e[f]}</dd>
      </>
    )
  return (
    <dl class="record">
      <dt>{t('medical.visit.date')}</dt>
      <dd>{formatDay(props.i18n, e.visit_date)}</dd>
      {VISIT_TEXT_FIELDS.slice(0, 6).map(field)}
      {(e.diagnosis_code || e.diagnosis_text) && (
        <>
          <dt>{t('medical.field.diagnosis_text')}</dt>
          <dd class="record-text">
            {e.diagnosis_text}
            {e.diagnosis_code && (
              <span class="icd-line">
                {' '}
                ({t('medical.field.diagnosis_code')}: {e.diagnosis_code}
                {icd ? ` — ${icd.name}` : ''})
              </span>
            )}
            {e.diagnosis_first === 1 && <span> · {t('medical.field.diagnosis_first')}</span>}
          </dd>
        </>
      )}
      {VISIT_TEXT_FIELDS.slice(7).map(field)}
      <dt>{t('medical.visit.doctor')}</dt>
      <dd>{props.doctorName}</dd>
    </dl>
  )
}
