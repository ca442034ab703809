import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { DurationSelect, OutsideHoursWarning, SlotFields } from './booking-form.partial.js'
import { SelectField, type Option } from '../components/form-controls.js'
import { HxForm } from './controls.js'

export const EDIT_ID = 'appointment-edit'

export type MoveField = 'date' | 'start' | 'doctor_id' | 'chair_id'

export interface AppointmentEditProps {
  i18n: I18n
  csrfToken: string
  id: number
  /** "Иванова М. П., 09:00–09:45", so the person knows which appointment they change. */
  title: string
  move: { date: string; start: string; doctor_id: string; chair_id: string }
  duration: string
  errors: Partial<Record<MoveField | 'duration', string>>
  doctors: readonly Option[]
  chairs: readonly Option[]
  /** Which form got the outside-hours warning, and its text. */
  warning?: { form: 'move' | 'resize'; text: string }
}

/** Move (another time, doctor or chair) and resize (another duration): two small forms. */
export function AppointmentEdit(props: AppointmentEditProps) {
  const { t } = props.i18n
  const base = `/schedule/appointments/${props.id}`
  const e = props.errors
  return (
    <section id={EDIT_ID} class="card panel-card">
      <h2>{t('schedule.edit_title', { what: props.title })}</h2>
      <HxForm action={`${base}/move`} target={EDIT_ID}>
        <CsrfField token={props.csrfToken} />
        <SlotFields i18n={props.i18n} values={props.move} errors={e} />
        <SelectField
          id="doctor_id"
          name="doctor_id"
          label={t('schedule.doctor')}
          options={props.doctors}
          value={props.move.doctor_id}
          error={e.doctor_id}
          required
        />
        <SelectField
          id="chair_id"
          name="chair_id"
          label={t('schedule.chair')}
          options={props.chairs}
          value={props.move.chair_id}
          error={e.chair_id}
          required
        />
        {props.warning?.form === 'move' && (
          <OutsideHoursWarning i18n={props.i18n} text={props.warning.text} />
        )}
        <button type="submit" class="primary">
          {t('schedule.move_submit')}
        </button>
      </HxForm>
      <HxForm action={`${base}/resize`} target={EDIT_ID} class="resize-form">
        <CsrfField token={props.csrfToken} />
        <DurationSelect i18n={props.i18n} value={props.duration} error={e.duration} />
        {props.warning?.form === 'resize' && (
          <OutsideHoursWarning i18n={props.i18n} text={props.warning.text} />
        )}
        <button type="submit">{t('schedule.resize_submit')}</button>
      </HxForm>
      <p class="card-links">
        <a href={base} hx-get={base} hx-target={`#${EDIT_ID}`} hx-swap="outerHTML">
          {t('schedule.back_to_appointment')}
        </a>
      </p>
    </section>
  )
}
