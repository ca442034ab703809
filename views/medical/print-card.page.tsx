import type { Dentition } from '../../server/chart/fdi.js'
import type { ToothMarks } from '../../server/chart/tooth-codes.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { PatientTitle } from '../../server/medical/patient-title.queries.js'
import type { FinalDiagnosis, RevisionRow } from '../../server/medical/visits.queries.js'
import { DentalFormula } from '../chart/dental-formula.partial.js'
import { DiagnosesTable } from './diagnoses.partial.js'
import { PrintedVisit } from './print-visit.partial.js'
import { TitlePage, type CardData } from './title-page.partial.js'

export interface PrintCardProps {
  i18n: I18n
  patient: PatientTitle
  card?: CardData
  diagnoses: FinalDiagnosis[]
  /** Signed records only, at their latest signed version: a draft is not a document yet. */
  visits: RevisionRow[]
  chart: { dentition: Dentition; marks: ReadonlyMap<number, ToothMarks> }
  printedAt: string
  printedBy: string
}

/** Form 025/у on A4: title page, dental formula, final diagnoses, then the visit records. */
export function PrintCard(props: PrintCardProps) {
  const { t } = props.i18n
  return (
    <>
      <header class="form-header">
        <p>{t('medical.print.form_name')}</p>
        <p class="muted">{t('medical.card.layout')}</p>
      </header>
      <h1>{t('medical.card.title')}</h1>
      <p>{t('medical.card.number', { number: props.patient.card_number })}</p>
      <TitlePage i18n={props.i18n} patient={props.patient} card={props.card} />
      <DentalFormula
        i18n={props.i18n}
        dentition={props.chart.dentition}
        marks={props.chart.marks}
      />
      <h2>{t('medical.card.diagnoses')}</h2>
      <DiagnosesTable i18n={props.i18n} diagnoses={props.diagnoses} />
      <h2>{t('medical.card.visits')}</h2>
      {props.visits.length === 0 && <p>{t('medical.card.visits_empty')}</p>}
      {props.visits.map((v) => (
        <PrintedVisit i18n={props.i18n} entry={v} />
      ))}
      <footer class="printed-by">
        {t('medical.print.printed', {
          at: props.i18n.dateTime(props.printedAt),
          name: props.printedBy,
        })}
      </footer>
    </>
  )
}
