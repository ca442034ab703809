import type { I18n } from '../../server/i18n/i18n.js'
import { DURATION_CHOICES, REASON_MAX, SLOT_MINUTES } from '../../server/schedule/schedule.rules.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField, TextAreaField, type Option } from '../components/form-controls.js'
import { HxForm } from './controls.js'
import { durationLabel } from './format.js'
import { PatientPicker, PICKER_ID, type PickerProps } from './patient-picker.partial.js'

export const BOOKING_ID = 'booking-form'

export type BookingField =
  'patient_id' | 'doctor_id' | 'chair_id' | 'date' | 'start' | 'duration' | 'reason'

export interface BookingValues {
  q: string
  doctor_id: string
  chair_id: string
  date: string
  start: string
  duration: string
  reason: string
}

export interface BookingFormProps {
  i18n: I18n
  csrfToken: string
  values: BookingValues
  errors: Partial<Record<BookingField, string>>
  doctors: readonly Option[]
  chairs: readonly Option[]
  picker: Omit<PickerProps, 'i18n' | 'error'>
  /** Outside the doctor's hours: said, and confirmed with a checkbox, not refused. */
  warning?: string
}

/** Booking: find the patient (htmx as you type, or the «Найти» button), then the slot. */
export function BookingForm(props: BookingFormProps) {
  const { t } = props.i18n
  const v = props.values
  const e = props.errors
  return (
    <section id={BOOKING_ID} class="card panel-card">
      <h2>{t('schedule.book_title')}</h2>
      <HxForm action="/schedule/appointments" target={BOOKING_ID}>
        <CsrfField token={props.csrfToken} />
        <fieldset>
          <legend>{t('schedule.patient')}</legend>
          <div class={e.patient_id ? 'field has-error' : 'field'}>
            <label for="patient-q">{t('schedule.picker_search')}</label>
            <input
              id="patient-q"
              name="q"
              type="search"
              value={v.q}
              maxlength={100}
              autocomplete="off"
              hx-post="/schedule/patient-picker"
              hx-trigger="input changed delay:300ms, search"
              hx-target={`#${PICKER_ID}`}
              hx-swap="outerHTML"
              aria-invalid={e.patient_id ? 'true' : undefined}
              aria-describedby={e.patient_id ? 'patient_id-error' : undefined}
            />
          </div>
          <button type="submit" name="intent" value="search" formnovalidate>
            {t('schedule.picker_find')}
          </button>
          <PatientPicker i18n={props.i18n} {...props.picker} error={e.patient_id} />
        </fieldset>
        <SelectField
          id="doctor_id"
          name="doctor_id"
          label={t('schedule.doctor')}
          options={props.doctors}
          value={v.doctor_id}
          placeholder={t('schedule.choose')}
          error={e.doctor_id}
          required
        />
        <SelectField
          id="chair_id"
          name="chair_id"
          label={t('schedule.chair')}
          options={props.chairs}
          value={v.chair_id}
          placeholder={t('schedule.choose')}
          error={e.chair_id}
          required
        />
        <SlotFields i18n={props.i18n} values={v} errors={e} />
        <TextAreaField
          id="reason"
          name="reason"
          label={t('schedule.reason')}
          hint={t('schedule.reason_hint')}
          value={v.reason}
          rows={2}
          maxLength={REASON_MAX}
          error={e.reason}
        />
        {props.warning && <OutsideHoursWarning i18n={props.i18n} text={props.warning} />}
        <button type="submit" class="primary" name="intent" value="book">
          {t('schedule.book_submit')}
        </button>
      </HxForm>
    </section>
  )
}

/** Date, start and duration: the booking form's and the move form's common fields. */
export function SlotFields(props: {
  i18n: I18n
  values: { date: string; start: string; duration?: string }
  errors: Partial<Record<'date' | 'start' | 'duration', string>>
}) {
  const { t } = props.i18n
  return (
    <div class="slot-fields">
      <Field
        id="date"
        name="date"
        type="date"
        label={t('schedule.date')}
        value={props.values.date}
        error={props.errors.date}
        required
      />
      <Field
        id="start"
        name="start"
        type="time"
        label={t('schedule.start')}
        value={props.values.start}
        hint={t('schedule.start_hint', { step: SLOT_MINUTES })}
        error={props.errors.start}
        required
      />
      {props.values.duration !== undefined && (
        <DurationSelect
          i18n={props.i18n}
          value={props.values.duration}
          error={props.errors.duration}
        />
      )}
    </div>
  )
}

export function DurationSelect(props: { i18n: I18n; value: string; error?: string }) {
  return (
    <SelectField
      id="duration"
      name="duration"
      label={props.i18n.t('schedule.duration')}
      options={DURATION_CHOICES.map((m) => ({
        value: String(m),
        label: durationLabel(props.i18n, m),
      }))}
      value={props.value}
      error={props.error}
      required
    />
  )
}

export function OutsideHoursWarning(props: { i18n: I18n; text: string }) {
  return (
    <div class="notice warning" role="alert">
      <p>{props.text}</p>
      <label>
        <input type="checkbox" name="outside_ok" value="1" /> {props.i18n.t('schedule.outside_ok')}
      </label>
    </div>
  )
}
