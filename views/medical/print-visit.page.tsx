import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay, fullName } from '../../server/medical/format.js'
import type { PatientTitle } from '../../server/medical/patient-title.queries.js'
import type { RevisionRow } from '../../server/medical/visits.queries.js'
import { PrintedVisit } from './print-visit.partial.js'

/** One visit record on A4, headed like form 025/у with whose card it belongs to. */
export function PrintVisit(props: {
  i18n: I18n
  patient: PatientTitle
  entry: RevisionRow
  printedAt: string
  printedBy: string
}) {
  const { t } = props.i18n
  const p = props.patient
  return (
    <>
      <header class="form-header">
        <p>{t('medical.print.form_name')}</p>
        <p class="muted">{t('medical.card.layout')}</p>
      </header>
      <h1>{t('medical.card.number', { number: p.card_number })}</h1>
      <p>
        {fullName(p)}, {formatDay(props.i18n, p.birth_date)}
      </p>
      <PrintedVisit i18n={props.i18n} entry={props.entry} />
      <footer class="printed-by">
        {t('medical.print.printed', {
          at: props.i18n.dateTime(props.printedAt),
          name: props.printedBy,
        })}
      </footer>
    </>
  )
}
