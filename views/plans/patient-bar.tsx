import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'

export interface PatientBarProps {
  i18n: I18n
  patient: { id: number; card_number: string; full_name: string; birth_date: string }
}

/** Whose papers these are, and the way to the patient's other medical sections. */
export function PatientBar(props: PatientBarProps) {
  const { t } = props.i18n
  const p = props.patient
  return (
    <nav class="patient-bar" aria-label={t('plans.patient_nav')}>
      <p>
        <a href={`/patients/${p.id}`}>{p.full_name}</a>{' '}
        <span class="hint">
          {t('plans.patient_facts', {
            card: p.card_number,
            birth: formatDay(props.i18n.locale, p.birth_date),
          })}
        </span>
      </p>
      <p>
        <a href={`/patients/${p.id}/plans`}>{t('plans.list_title')}</a>
        {' · '}
        <a href={`/patients/${p.id}/files`}>{t('files.title')}</a>
      </p>
    </nav>
  )
}
