import type { I18n } from '../../server/i18n/i18n.js'
import type { PatientTitle } from '../../server/medical/patient-title.queries.js'
import type { FinalDiagnosis, VisitListItem } from '../../server/medical/visits.queries.js'
import { DiagnosesTable } from './diagnoses.partial.js'
import { PatientBanner } from './patient-banner.js'
import { TitlePage, type CardData } from './title-page.partial.js'
import { VisitList } from './visit-list.partial.js'

export interface CardPageProps {
  i18n: I18n
  patient: PatientTitle
  card?: CardData
  diagnoses: FinalDiagnosis[]
  visits: VisitListItem[]
  canWrite: boolean
}

/** The medical card: title page, final diagnoses and the visit records (form 025/у). */
export function CardPage(props: CardPageProps) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/medical`
  return (
    <article class="card medical-card">
      <PatientBanner i18n={props.i18n} patient={props.patient} current="card" />
      <h1>{t('medical.card.title')}</h1>
      <p class="muted">{t('medical.card.layout')}</p>
      <p class="actions no-print">
        <a class="button" href={`${base}/print`}>
          {t('medical.card.print')}
        </a>{' '}
        <a class="button" href={`/patients/${props.patient.id}/chart`}>
          {t('medical.card.chart')}
        </a>{' '}
        {props.canWrite && (
          <a class="button" href="/medical/templates">
            {t('medical.card.templates')}
          </a>
        )}
      </p>
      <section aria-labelledby="title-page-heading">
        <h2 id="title-page-heading">{t('medical.card.title_page')}</h2>
        <TitlePage i18n={props.i18n} patient={props.patient} card={props.card} />
        <p class="actions no-print">
          {props.canWrite && <a href={`${base}/title`}>{t('medical.card.edit')}</a>}
          {props.canWrite && ' · '}
          <a href={`${base}/title/history`}>{t('medical.card.history')}</a>
        </p>
      </section>
      <section aria-labelledby="diagnoses-heading">
        <h2 id="diagnoses-heading">{t('medical.card.diagnoses')}</h2>
        <DiagnosesTable i18n={props.i18n} diagnoses={props.diagnoses} />
      </section>
      <section aria-labelledby="visits-heading">
        <h2 id="visits-heading">{t('medical.card.visits')}</h2>
        {props.canWrite && (
          <p class="no-print">
            <a class="button primary" href={`${base}/visits/new`}>
              {t('medical.visit.new')}
            </a>
          </p>
        )}
        <VisitList i18n={props.i18n} patientId={props.patient.id} visits={props.visits} />
      </section>
    </article>
  )
}
