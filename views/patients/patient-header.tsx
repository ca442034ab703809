import type { I18n } from '../../server/i18n/i18n.js'
import { fullName, showDate } from './format.js'

export type PatientTab =
  | 'card'
  | 'consents'
  | 'documents'
  | 'notes'
  | 'visits'
  | 'medical'
  | 'chart'
  | 'plans'
  | 'files'
  | 'billing'
  | 'export'

export interface PatientHeaderProps {
  i18n: I18n
  patient: {
    id: number
    card_number: string
    surname: string
    name: string
    patronymic: string | null
    birth_date: string
  }
  /** Sections this person may open here; only these are linked. */
  tabs: readonly PatientTab[]
  current: PatientTab
}

const HREF: Record<PatientTab, string> = {
  card: '',
  consents: '/consents',
  documents: '/documents',
  notes: '/notes',
  visits: '/visits',
  medical: '/medical',
  chart: '/chart',
  plans: '/plans',
  files: '/files',
  billing: '/billing',
  export: '/export',
}

/** The patient's name and the links between the sections of their card. */
export function PatientHeader(props: PatientHeaderProps) {
  const { t } = props.i18n
  const p = props.patient
  return (
    <header class="patient-header">
      <h1>{fullName(p)}</h1>
      <p class="muted">
        {showDate(props.i18n, p.birth_date)} · {t('patients.col.card')} {p.card_number}
      </p>
      <nav aria-label={t('patients.tabs')} class="tabs">
        {props.tabs.map((tab) => (
          <a
            href={`/patients/${p.id}${HREF[tab]}`}
            aria-current={tab === props.current ? 'page' : undefined}
          >
            {t(`patients.tab.${tab}`)}
          </a>
        ))}
      </nav>
    </header>
  )
}
