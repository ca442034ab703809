import type { I18n } from '../i18n/i18n.js'
import type { MessageKey } from '../i18n/messages.js'
import { formatDay } from './format.js'
import type { CardRevisionRow } from './card.queries.js'
import { changedFields, type DiffLine } from './diff.js'
import { findIcd10 } from './icd10.js'
import {
  CARD_FIELD_LABELS,
  CARD_TEXT_FIELDS,
  VISIT_FIELD_LABELS,
  VISIT_TEXT_FIELDS,
} from './layout.js'
import type { RevisionRow } from './visits.queries.js'

/** One revision as the history view shows it: who, where, when, what happened, what changed. */
export interface HistoryEntry {
  revision: number
  at: string
  author: string
  role: string
  device: string
  status?: 'draft' | 'signed' | 'deleted'
  /** Signature, correction or deletion, already in words. */
  notes: string[]
  changes: { label: string; lines: DiffLine[] }[]
}

type Shown = Record<string, string>

function visitShown(r: RevisionRow, i18n: I18n): Shown {
  const code = r.diagnosis_code
    ? `${r.diagnosis_code} ${findIcd10(r.diagnosis_code)?.name ?? ''}`
    : ''
  const shown: Shown = {
    visit_date: formatDay(i18n, r.visit_date),
    doctor: r.doctor_name,
    diagnosis_code: code.trim(),
    diagnosis_first: r.diagnosis_first === 1 ? i18n.t('medical.card.first_yes') : '',
  }
  for (const f of VISIT_TEXT_FIELDS) shown[f] = r[f]
  return shown
}

const VISIT_LABELS: [string, MessageKey][] = [
  ['visit_date', 'medical.visit.date'],
  ['doctor', 'medical.visit.doctor'],
  ...VISIT_TEXT_FIELDS.slice(0, 6).map((f): [string, MessageKey] => [f, VISIT_FIELD_LABELS[f]]),
  ['diagnosis_code', 'medical.field.diagnosis_code'],
  ['diagnosis_first', 'medical.field.diagnosis_first'],
  ...VISIT_TEXT_FIELDS.slice(6).map((f): [string, MessageKey] => [f, VISIT_FIELD_LABELS[f]]),
]

function entries<R>(
  rows: R[],
  i18n: I18n,
  labels: [string, MessageKey][],
  shown: (r: R) => Shown,
  head: (r: R) => Omit<HistoryEntry, 'changes'>,
): HistoryEntry[] {
  const fields = labels.map(([f]) => f)
  const label = new Map(labels)
  let before: Shown | undefined
  return rows.map((r) => {
    const now = shown(r)
    const changes = changedFields(fields, before, now).map((c) => ({
      label: i18n.t(label.get(c.field)!),
      lines: c.lines,
    }))
    before = now
    return { ...head(r), changes }
  })
}

/** The revisions of a visit record, each with what changed since the one before. */
export function visitHistory(rows: RevisionRow[], i18n: I18n): HistoryEntry[] {
  const { t } = i18n
  const signedAt = new Map(rows.map((r) => [r.id, r.signed_at]))
  return entries(
    rows,
    i18n,
    VISIT_LABELS,
    (r) => visitShown(r, i18n),
    (r) => {
      const notes: string[] = []
      if (r.status === 'signed' && r.signer_name && r.signed_at) {
        notes.push(
          t('medical.visit.signed_by', { name: r.signer_name, at: i18n.dateTime(r.signed_at) }),
        )
      }
      if (r.corrects_id !== null && r.status !== 'deleted') {
        const at = signedAt.get(r.corrects_id)
        notes.push(t('medical.visit.correction_of', { at: at ? i18n.dateTime(at) : '—' }))
      }
      if (r.reason && r.status === 'deleted')
        notes.push(t('medical.visit.deleted_notice', { reason: r.reason }))
      else if (r.reason) notes.push(t('medical.visit.reason_shown', { reason: r.reason }))
      return {
        revision: r.revision,
        at: r.created_at,
        author: r.author_name,
        role: r.author_role,
        device: r.device_name,
        status: r.status,
        notes,
      }
    },
  )
}

/** The revisions of the title page's medical part. */
export function cardHistory(rows: CardRevisionRow[], i18n: I18n): HistoryEntry[] {
  const { t } = i18n
  const labels: [string, MessageKey][] = [
    ['blood_group', 'medical.card.blood_group'],
    ['rh', 'medical.card.rh'],
    ...CARD_TEXT_FIELDS.map((f): [string, MessageKey] => [f, CARD_FIELD_LABELS[f]]),
  ]
  const shown = (r: CardRevisionRow): Shown => ({
    blood_group: r.blood_group === '' ? '' : t(`medical.blood.${r.blood_group}`),
    rh: r.rh === '' ? '' : t(`medical.rh.${r.rh}`),
    allergies: r.allergies,
    chronic_conditions: r.chronic_conditions,
    dispensary_conditions: r.dispensary_conditions,
  })
  return entries(rows, i18n, labels, shown, (r) => ({
    revision: r.revision,
    at: r.created_at,
    author: r.author_name,
    role: r.author_role,
    device: r.device_name,
    notes: [],
  }))
}
