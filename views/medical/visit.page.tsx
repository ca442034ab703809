import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/medical/format.js'
import type { RevisionRow } from '../../server/medical/visits.queries.js'
import { PatientBanner, type BannerPatient } from './patient-banner.js'
import { VisitActions } from './visit-actions.partial.js'
import { VisitBody } from './visit-body.partial.js'

export interface VisitPageProps {
  i18n: I18n
  csrfToken: string
  patient: BannerPatient
  latest: RevisionRow
  /** The valid signed version while a correction of it is still a draft. */
  signed?: RevisionRow
  can: { write: boolean; sign: boolean }
  /** Was any revision of the record signed? */
  everSigned: boolean
  /** Is the person looking the doctor named in the record (who alone signs it)? */
  isDoctor: boolean
  error?: string
}

/** One visit record: its current version, its status and what may be done with it. */
export function VisitPage(props: VisitPageProps) {
  const { t } = props.i18n
  const e = props.latest
  return (
    <article class="card">
      <PatientBanner i18n={props.i18n} patient={props.patient} current="other" />
      <h1>
        {t('medical.visit.title', { date: formatDay(props.i18n, e.visit_date) })}{' '}
        <span class={`badge badge-${e.status}`}>{t(`medical.status.${e.status}`)}</span>
      </h1>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <p class="muted">{t('medical.visit.revision', { n: e.revision })}</p>
      {e.status === 'signed' && e.signer_name && e.signed_at && (
        <p class="notice">
          {t('medical.visit.signed_by', {
            name: e.signer_name,
            at: props.i18n.dateTime(e.signed_at),
          })}
          . {t('medical.visit.signed_notice')}
        </p>
      )}
      {e.status === 'deleted' && (
        <p class="notice">{t('medical.visit.deleted_notice', { reason: e.reason ?? '' })}</p>
      )}
      {e.status === 'draft' && e.author_role === 'assistant' && (
        <p class="notice">{t('medical.visit.prepared_by', { name: e.author_name })}</p>
      )}
      {e.status === 'draft' && props.signed && (
        <p class="notice">
          {t('medical.visit.pending_correction')}{' '}
          {e.reason && t('medical.visit.reason_shown', { reason: e.reason })}
        </p>
      )}
      <VisitBody i18n={props.i18n} entry={e} doctorName={e.doctor_name} />
      <VisitActions {...props} />
      {props.signed && (
        <section class="signed-version" aria-labelledby="signed-version-heading">
          <h2 id="signed-version-heading">{t('medical.visit.signed_version')}</h2>
          <VisitBody i18n={props.i18n} entry={props.signed} doctorName={props.signed.doctor_name} />
        </section>
      )}
    </article>
  )
}
