import type { I18n } from '../../server/i18n/i18n.js'
import type { AppointmentView } from '../../server/schedule/appointments.queries.js'
import { REASON_MAX } from '../../server/schedule/schedule.rules.js'
import type { AppointmentStatus } from '../../server/schedule/schedule.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { StatusLabel } from './appointment-block.js'
import { TextAreaField } from '../components/form-controls.js'
import { HxForm } from './controls.js'
import { clockRange, fullName, longDate, shortName } from './format.js'

export const CARD_ID = 'appointment-card'

export interface StatusChangeRow {
  id: number
  from_status: AppointmentStatus | null
  to_status: AppointmentStatus
  at: string
  staff_name: string | null
}

export interface AppointmentCardProps {
  i18n: I18n
  csrfToken: string
  appt: AppointmentView
  /** The clinic-local date of the start, for the heading and the way back to the day. */
  date: string
  history: readonly StatusChangeRow[]
  canWrite: boolean
  /** Statuses this one may move to (schedule.rules TRANSITIONS). */
  next: readonly AppointmentStatus[]
  movable: boolean
  error?: string
  cancelError?: string
  cancelReason?: string
}

/** An appointment: who, when, where, why; its status buttons, cancellation and history. */
export function AppointmentCard(props: AppointmentCardProps) {
  const { t } = props.i18n
  const a = props.appt
  const base = `/schedule/appointments/${a.id}`
  const marks = props.next.filter((s) => s !== 'cancelled')
  return (
    <section id={CARD_ID} class="card panel-card" data-status={a.status}>
      <h2>
        {shortName(a)} <StatusLabel i18n={props.i18n} status={a.status} />
      </h2>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <dl class="facts">
        <dt>{t('schedule.when')}</dt>
        <dd>
          {longDate(props.i18n, props.date)}, {clockRange(props.i18n, a.starts_at, a.ends_at)}
        </dd>
        <dt>{t('schedule.patient')}</dt>
        <dd>{t('schedule.patient_card', { name: fullName(a), card: a.card_number })}</dd>
        <dt>{t('schedule.doctor')}</dt>
        <dd>{a.doctor_name}</dd>
        <dt>{t('schedule.chair')}</dt>
        <dd>{a.chair_name}</dd>
        <dt>{t('schedule.reason')}</dt>
        <dd class="reason">{a.reason || '—'}</dd>
        {a.cancel_reason && (
          <>
            <dt>{t('schedule.cancel_reason')}</dt>
            <dd>{a.cancel_reason}</dd>
          </>
        )}
      </dl>
      {props.canWrite && marks.length > 0 && (
        <div class="status-actions">
          {marks.map((s) => (
            <HxForm action={`${base}/status`} target={CARD_ID} class="inline-form">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="to" value={s} />
              <button type="submit" class={s === 'no_show' ? undefined : 'primary'}>
                {t(`schedule.do.${s}`)}
              </button>
            </HxForm>
          ))}
        </div>
      )}
      <p class="card-links">
        {props.canWrite && props.movable && (
          <a
            href={`${base}/edit`}
            hx-get={`${base}/edit`}
            hx-target={`#${CARD_ID}`}
            hx-swap="outerHTML"
          >
            {t('schedule.edit')}
          </a>
        )}{' '}
        <a href={`/schedule?date=${props.date}`}>{t('schedule.back_to_day')}</a>{' '}
        <a href={`/patients/${a.patient_id}/visits`}>{t('schedule.visits_link')}</a>{' '}
        {/* The card's tabs lead on to the medical card for those who may open it here. */}
        <a href={`/patients/${a.patient_id}`}>{t('schedule.patient_link')}</a>
      </p>
      {props.canWrite && props.next.includes('cancelled') && (
        <HxForm action={`${base}/cancel`} target={CARD_ID} class="cancel-form">
          <CsrfField token={props.csrfToken} />
          <TextAreaField
            id="cancel-reason"
            name="reason"
            label={t('schedule.cancel_reason')}
            value={props.cancelReason}
            rows={2}
            maxLength={REASON_MAX}
            error={props.cancelError}
            required
          />
          <button type="submit">{t('schedule.do.cancelled')}</button>
        </HxForm>
      )}
      <h3>{t('schedule.history')}</h3>
      <ol class="status-history">
        {props.history.map((h) => (
          <li>
            <time datetime={h.at}>{props.i18n.dateTime(h.at)}</time>{' '}
            {h.from_status
              ? t('schedule.history_change', {
                  from: t(`schedule.status.${h.from_status}`),
                  to: t(`schedule.status.${h.to_status}`),
                })
              : t('schedule.history_created')}
            {h.staff_name && ` — ${h.staff_name}`}
          </li>
        ))}
      </ol>
    </section>
  )
}
