import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/medical/format.js'
import type { RevisionRow } from '../../server/medical/visits.queries.js'
import { VisitBody } from './visit-body.partial.js'

/** One visit record on paper, with the doctor's signature line and the e-signature trace. */
export function PrintedVisit(props: { i18n: I18n; entry: RevisionRow }) {
  const { t } = props.i18n
  const e = props.entry
  return (
    <section class="printed-visit">
      <h3>{t('medical.visit.title', { date: formatDay(props.i18n, e.visit_date) })}</h3>
      {e.status !== 'signed' && <p class="draft-mark">{t('medical.print.draft_mark')}</p>}
      {e.corrects_id !== null && e.reason && (
        <p>{t('medical.visit.reason_shown', { reason: e.reason })}</p>
      )}
      <VisitBody i18n={props.i18n} entry={e} doctorName={e.doctor_name} />
      {e.status === 'signed' && e.signer_name && e.signed_at && (
        <p class="muted">
          {t('medical.print.signed_electronically', {
            name: e.signer_name,
            at: props.i18n.dateTime(e.signed_at),
          })}
        </p>
      )}
      <p class="signature-line">{t('medical.print.doctor_signature', { name: e.doctor_name })}</p>
    </section>
  )
}
