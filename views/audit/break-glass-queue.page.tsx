import type { BreakGlassRow } from '../../server/audit/break-glass.queries.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { patientText, TerminalCell } from './event-cells.js'

export interface BreakGlassQueueProps {
  i18n: I18n
  csrfToken: string
  open: BreakGlassRow[]
  reviewed: BreakGlassRow[]
  reviewedShown: number
  /** A review that was refused: which grant, why, and the note as typed. */
  failed?: { id: number; message: string; note: string }
}

function who(t: I18n['t'], g: BreakGlassRow): string {
  return g.staff_name ?? t('audit.staff_no', { id: g.staff_id })
}

function Facts(props: { i18n: I18n; g: BreakGlassRow }) {
  const { i18n, g } = props
  const { t } = i18n
  const terminal = { device_id: g.device_id, device_name: g.device_name, zone: g.device_zone }
  return (
    <dl class="facts">
      <dt>{t('break_glass.col.who')}</dt>
      <dd>{who(t, g)}</dd>
      <dt>{t('break_glass.col.patient')}</dt>
      <dd>
        <a href={`/audit/patients/${g.patient_id}`}>{patientText(t, g)}</a>
      </dd>
      <dt>{t('break_glass.col.when')}</dt>
      <dd>
        <time datetime={g.started_at}>{i18n.dateTime(g.started_at)}</time>
      </dd>
      <dt>{t('break_glass.col.until')}</dt>
      <dd>
        <time datetime={g.expires_at}>{i18n.dateTime(g.expires_at)}</time>
      </dd>
      <dt>{t('break_glass.col.device')}</dt>
      <dd>
        <TerminalCell t={t} e={terminal} />
      </dd>
      <dt>{t('break_glass.col.reason')}</dt>
      <dd class="audit-reason">{g.reason}</dd>
    </dl>
  )
}

/** The owner's queue: open grants with a review form each, then the latest reviewed ones. */
export function BreakGlassQueue(props: BreakGlassQueueProps) {
  const { i18n } = props
  const { t } = i18n
  return (
    <section class="card">
      <h1>{t('break_glass.queue.title')}</h1>
      <p>
        <a href="/audit">{t('audit.report.back')}</a>
      </p>
      <h2>{t('break_glass.queue.open')}</h2>
      {props.open.length === 0 && <p class="muted">{t('break_glass.queue.empty')}</p>}
      {props.open.map((g) => {
        const failed = props.failed?.id === g.id ? props.failed : undefined
        const field = `note-${g.id}`
        return (
          <article class="audit-grant" id={`grant-${g.id}`}>
            <Facts i18n={i18n} g={g} />
            <form method="post" action={`/audit/break-glass/${g.id}/review`}>
              <CsrfField token={props.csrfToken} />
              <div class={failed ? 'field has-error' : 'field'}>
                <label for={field}>{t('break_glass.note')}</label>
                <textarea
                  id={field}
                  name="note"
                  class="audit-text"
                  rows={2}
                  required
                  aria-invalid={failed ? 'true' : undefined}
                  aria-describedby={failed ? `${field}-error` : undefined}
                >
                  {failed?.note ?? ''}
                </textarea>
                {failed && (
                  <p class="error" id={`${field}-error`} role="alert">
                    {failed.message}
                  </p>
                )}
              </div>
              <button type="submit" class="primary">
                {t('break_glass.review_submit')}
              </button>
            </form>
          </article>
        )
      })}
      <h2>{t('break_glass.queue.reviewed', { n: props.reviewedShown })}</h2>
      {props.reviewed.length === 0 && <p class="muted">{t('break_glass.queue.none_reviewed')}</p>}
      {props.reviewed.map((g) => (
        <article class="audit-grant reviewed" id={`grant-${g.id}`}>
          <Facts i18n={i18n} g={g} />
          <p>
            <strong>{t('break_glass.col.review')}:</strong>{' '}
            {t('break_glass.reviewed_by', {
              name: g.reviewer_name ?? t('audit.staff_no', { id: g.reviewed_by ?? 0 }),
              at: i18n.dateTime(g.reviewed_at ?? g.started_at),
            })}
            {' — '}
            <span class="audit-reason">{g.review_note}</span>
          </p>
        </article>
      ))}
    </section>
  )
}
