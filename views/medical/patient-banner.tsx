import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay, fullName } from '../../server/medical/format.js'

export interface BannerPatient {
  id: number
  card_number: string
  surname: string
  name: string
  patronymic: string | null
  birth_date: string
}

/** Whose card this is, and the way between the card and the chart. */
export function PatientBanner(props: {
  i18n: I18n
  patient: BannerPatient
  current: 'card' | 'chart' | 'other'
}) {
  const { t } = props.i18n
  const p = props.patient
  const link = (href: string, label: string, here: boolean) =>
    here ? (
      <a href={href} aria-current="page">
        {label}
      </a>
    ) : (
      <a href={href}>{label}</a>
    )
  return (
    <nav class="patient-banner no-print" aria-label={t('medical.card.title')}>
      <p class="patient-banner-name">
        <strong>{fullName(p)}</strong>{' '}
        <span class="muted">
          {t('medical.card.number', { number: p.card_number })} ·{' '}
          {formatDay(props.i18n, p.birth_date)}
        </span>
      </p>
      <p class="patient-banner-links">
        {link(`/patients/${p.id}/medical`, t('medical.card.short'), props.current === 'card')}
        {' · '}
        {link(`/patients/${p.id}/chart`, t('medical.card.chart'), props.current === 'chart')}
      </p>
    </nav>
  )
}
