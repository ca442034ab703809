import { LINE_MAX, REASON_MIN } from '../../server/medical/layout.js'
import { CsrfField } from '../components/csrf-field.js'
import type { VisitPageProps } from './visit.page.js'

/**
 * What may be done with the record now. Plain forms (they work without JS); every one carries
 * the revision it was shown at, so a step on a record changed meanwhile is refused (409).
 */
export function VisitActions(props: VisitPageProps) {
  const { t } = props.i18n
  const e = props.latest
  const base = `/patients/${props.patient.id}/medical/visits/${e.record_id}`
  const revision = <input type="hidden" name="base_revision" value={String(e.revision)} />
  // A record once signed is a legal document: only a signer may "delete" it (with a reason).
  const canDelete =
    e.status !== 'deleted' && props.can.write && (!props.everSigned || props.can.sign)
  return (
    <div class="visit-actions no-print">
      <p>
        {e.status === 'draft' && props.can.write && (
          <a class="button" href={`${base}/edit`}>
            {t('medical.visit.edit')}
          </a>
        )}{' '}
        {e.status === 'signed' && props.can.sign && (
          <a class="button" href={`${base}/correct`}>
            {t('medical.visit.correct')}
          </a>
        )}{' '}
        <a class="button" href={`${base}/history`}>
          {t('medical.visit.history')}
        </a>{' '}
        <a class="button" href={`${base}/print`}>
          {t('medical.visit.print')}
        </a>
      </p>
      {e.status === 'draft' && props.can.sign && props.isDoctor && (
        <form method="post" action={`${base}/sign`} class="sign-form">
          <CsrfField token={props.csrfToken} />
          {revision}
          <p class="hint">{t('medical.visit.sign_hint')}</p>
          <button type="submit" class="primary">
            {t('medical.visit.sign')}
          </button>
        </form>
      )}
      {canDelete && (
        <details class="delete-visit">
          <summary>{t('medical.visit.delete')}</summary>
          <form method="post" action={`${base}/delete`}>
            <CsrfField token={props.csrfToken} />
            {revision}
            <div class="field">
              <label for="delete-reason">{t('medical.visit.delete_reason')}</label>
              <input
                id="delete-reason"
                name="reason"
                required
                minlength={REASON_MIN}
                maxlength={LINE_MAX}
              />
            </div>
            <button type="submit">{t('medical.visit.delete')}</button>
          </form>
        </details>
      )}
    </div>
  )
}
