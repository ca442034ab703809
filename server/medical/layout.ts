import type { MessageKey } from '../i18n/messages.js'

// Form 025/у as approved by приказ 834н (15.12.2014, amended by 2н and 1186н). A newer order
// may replace the layout (CLINIC.md), so every row records the layout it was written in: a
// new layout gets its own name, fields and print renderer, and old rows keep printing as written.
export const CURRENT_LAYOUT = '025u-834n'

/** The free-text fields of a visit record, in the order the form prints them. */
export const VISIT_TEXT_FIELDS = [
  'complaints',
  'anamnesis_morbi',
  'anamnesis_vitae',
  'objective',
  'oral_cavity',
  'dental_status',
  'diagnosis_text',
  'concomitant',
  'treatment',
  'recommendations',
] as const

export type VisitTextField = (typeof VISIT_TEXT_FIELDS)[number]

export const VISIT_FIELD_LABELS: Readonly<Record<VisitTextField, MessageKey>> = {
  complaints: 'medical.field.complaints',
  anamnesis_morbi: 'medical.field.anamnesis_morbi',
  anamnesis_vitae: 'medical.field.anamnesis_vitae',
  objective: 'medical.field.objective',
  oral_cavity: 'medical.field.oral_cavity',
  dental_status: 'medical.field.dental_status',
  diagnosis_text: 'medical.field.diagnosis_text',
  concomitant: 'medical.field.concomitant',
  treatment: 'medical.field.treatment',
  recommendations: 'medical.field.recommendations',
}

/** The medical fields of the card's title page (the personal ones come from the patient card). */
export const CARD_TEXT_FIELDS = [
  'allergies',
  'chronic_conditions',
  'dispensary_conditions',
] as const
export type CardTextField = (typeof CARD_TEXT_FIELDS)[number]

export const CARD_FIELD_LABELS: Readonly<Record<CardTextField, MessageKey>> = {
  allergies: 'medical.card.allergies',
  chronic_conditions: 'medical.card.chronic',
  dispensary_conditions: 'medical.card.dispensary',
}

/** Longest free text accepted in one field: a page of dense notes, never a pasted book. */
export const TEXT_MAX = 10_000
/** Short one-line fields (a diagnosis in words, a reason, a template name). */
export const LINE_MAX = 1_000
/** A correction or deletion must say why in at least this many characters (947н p.21). */
export const REASON_MIN = 5
