import type { I18n } from '../../server/i18n/i18n.js'
import { findIcd10 } from '../../server/medical/icd10.js'
import type { FinalDiagnosis } from '../../server/medical/visits.queries.js'
import { formatDay } from '../../server/medical/format.js'

/** «Лист записи заключительных (уточнённых) диагнозов» of form 025/у, from signed records. */
export function DiagnosesTable(props: { i18n: I18n; diagnoses: FinalDiagnosis[] }) {
  const { t } = props.i18n
  if (props.diagnoses.length === 0) return <p class="muted">{t('medical.card.diagnoses_empty')}</p>
  return (
    <table class="record-table">
      <caption class="visually-hidden">{t('medical.card.diagnoses')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('medical.card.diagnosis_date')}</th>
          <th scope="col">{t('medical.card.diagnosis')}</th>
          <th scope="col">{t('medical.field.diagnosis_code')}</th>
          <th scope="col">{t('medical.card.first')}</th>
          <th scope="col">{t('medical.visit.doctor')}</th>
        </tr>
      </thead>
      <tbody>
        {props.diagnoses.map((d) => (
          <tr>
            <td>{formatDay(props.i18n, d.visit_date)}</td>
            <td class="record-text">
              {d.diagnosis_text || findIcd10(d.diagnosis_code ?? '')?.name || ''}
            </td>
            <td>{d.diagnosis_code}</td>
            <td>{d.diagnosis_first === 1 ? t('medical.card.first_yes') : ''}</td>
            <td>{d.doctor_name}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
