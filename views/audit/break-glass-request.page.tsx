import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'

export const BREAK_GLASS_FORM_ID = 'break-glass-form'

export interface BreakGlassRequestProps {
  i18n: I18n
  csrfToken: string
  patientId: number
  minutes: number
  minReason: number
  reason?: string
  error?: string
}

/** The reason form a doctor fills before opening a card they could not otherwise read. */
export function BreakGlassRequest(props: BreakGlassRequestProps) {
  const { t } = props.i18n
  const described = ['reason-hint', props.error && 'reason-error'].filter(Boolean).join(' ')
  return (
    <section class="card narrow" id={BREAK_GLASS_FORM_ID}>
      <h1>{t('break_glass.title')}</h1>
      <p>{t('break_glass.intro', { id: props.patientId, minutes: props.minutes })}</p>
      <form method="post" action={`/break-glass/${props.patientId}`}>
        <CsrfField token={props.csrfToken} />
        <div class={props.error ? 'field has-error' : 'field'}>
          <label for="reason">{t('break_glass.reason')}</label>
          <textarea
            id="reason"
            name="reason"
            class="audit-text"
            rows={4}
            required
            minlength={props.minReason}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={described}
          >
            {props.reason ?? ''}
          </textarea>
          <p class="hint" id="reason-hint">
            {t('break_glass.reason_hint', { min: props.minReason })}
          </p>
          {props.error && (
            <p class="error" id="reason-error" role="alert">
              {props.error}
            </p>
          )}
        </div>
        <button type="submit" class="primary">
          {t('break_glass.submit')}
        </button>
      </form>
    </section>
  )
}
