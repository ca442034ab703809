import { isIsoDate } from '../schedule/clinic-time.js'
import { findIcd10, normalizeIcd10 } from './icd10.js'
import { LINE_MAX, REASON_MIN, TEXT_MAX, VISIT_TEXT_FIELDS, type VisitTextField } from './layout.js'
import { readChoice, readText, type FieldError } from './text-input.js'

/** What a visit record holds, as the editor shows it (strings, as typed). */
export type VisitValues = Record<VisitTextField, string> & {
  visit_date: string
  doctor_id: string
  diagnosis_code: string
  diagnosis_first: boolean
  reason: string
}

export type VisitErrors = Partial<Record<keyof VisitValues | 'form', FieldError>>

/** The checked content of a revision, ready for the table. */
export type VisitContent = Record<VisitTextField, string> & {
  visit_date: string
  doctor_id: number
  diagnosis_code: string | null
  diagnosis_first: number
}

export function emptyVisit(today: string, doctorId: number | null): VisitValues {
  const texts = Object.fromEntries(VISIT_TEXT_FIELDS.map((f) => [f, ''])) as Record<
    VisitTextField,
    string
  >
  return {
    ...texts,
    visit_date: today,
    doctor_id: doctorId === null ? '' : String(doctorId),
    diagnosis_code: '',
    diagnosis_first: false,
    reason: '',
  }
}

/** A stored revision (or a template) as editor values. */
export function visitValues(row: VisitContent & { reason?: string | null }): VisitValues {
  const texts = Object.fromEntries(VISIT_TEXT_FIELDS.map((f) => [f, row[f]])) as Record<
    VisitTextField,
    string
  >
  return {
    ...texts,
    visit_date: row.visit_date,
    doctor_id: String(row.doctor_id),
    diagnosis_code: row.diagnosis_code ?? '',
    diagnosis_first: row.diagnosis_first === 1,
    reason: '',
  }
}

/** Reads the editor's fields, keeping what was typed so a refusal can show it again. */
export function readVisit(body: Record<string, unknown>): {
  values: VisitValues
  errors: VisitErrors
} {
  const errors: VisitErrors = {}
  const texts = {} as Record<VisitTextField, string>
  for (const f of VISIT_TEXT_FIELDS) {
    const r = readText(body, f, f === 'diagnosis_text' ? LINE_MAX : TEXT_MAX)
    texts[f] = r.value
    if (r.error) errors[f] = r.error
  }
  const reason = readText(body, 'reason', LINE_MAX)
  if (reason.error) errors.reason = reason.error
  const code = normalizeIcd10(readChoice(body, 'diagnosis_code'))
  return {
    values: {
      ...texts,
      visit_date: readChoice(body, 'visit_date'),
      doctor_id: readChoice(body, 'doctor_id'),
      diagnosis_code: code,
      diagnosis_first: readChoice(body, 'diagnosis_first') === '1',
      reason: reason.value.trim(),
    },
    errors,
  }
}

/**
 * Checks the values against the rules of a visit record: a real date not after today, one
 * of the clinic's doctors, a K00–K14 code when any, something written at all.
 */
export function checkVisit(
  v: VisitValues,
  errors: VisitErrors,
  ctx: { today: string; doctorIds: ReadonlySet<number>; needReason: boolean },
): VisitContent | undefined {
  if (!isIsoDate(v.visit_date) || v.visit_date > ctx.today || v.visit_date < '1900-01-01') {
    errors.visit_date = { key: 'medical.error.date' }
  }
  const doctorId = /^[1-9][0-9]{0,9}$/.test(v.doctor_id) ? Number(v.doctor_id) : NaN
  if (!ctx.doctorIds.has(doctorId)) errors.doctor_id = { key: 'medical.error.doctor' }
  if (v.diagnosis_code !== '' && !findIcd10(v.diagnosis_code)) {
    errors.diagnosis_code = { key: 'medical.error.code' }
  }
  if (ctx.needReason && !errors.reason && v.reason.length < REASON_MIN) {
    errors.reason = { key: 'medical.error.reason', params: { min: REASON_MIN } }
  }
  if (VISIT_TEXT_FIELDS.every((f) => v[f].trim() === '') && v.diagnosis_code === '') {
    errors.form = { key: 'medical.error.empty' }
  }
  if (Object.keys(errors).length > 0) return undefined
  const texts = Object.fromEntries(VISIT_TEXT_FIELDS.map((f) => [f, v[f]])) as Record<
    VisitTextField,
    string
  >
  return {
    ...texts,
    visit_date: v.visit_date,
    doctor_id: doctorId,
    diagnosis_code: v.diagnosis_code === '' ? null : v.diagnosis_code,
    diagnosis_first: v.diagnosis_first ? 1 : 0,
  }
}

/** Template text added to what is written: empty fields take it, others get it on a new line. */
export function applyTemplate(
  v: VisitValues,
  t: Record<VisitTextField, string> & { diagnosis_code: string | null },
): VisitValues {
  const out = { ...v }
  for (const f of VISIT_TEXT_FIELDS) {
    const add = t[f].trim()
    if (add === '' || out[f].includes(add)) continue
    out[f] = out[f].trim() === '' ? add : `${out[f].trimEnd()}\n${add}`
  }
  if (out.diagnosis_code === '' && t.diagnosis_code) out.diagnosis_code = t.diagnosis_code
  return out
}
