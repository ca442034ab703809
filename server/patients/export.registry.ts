import type { DbOrTrx } from '../database.js'
import type { MessageKey } from '../i18n/i18n.js'
import type { Permission } from '../policy/permissions.js'

/** What a section's loader gets: the database and the patient being exported. */
export interface ExportContext {
  db: DbOrTrx
  patientId: number
}

/** One row or a list of rows of plain values; shown as a list or a table, saved as JSON. */
export type ExportRecord = Record<string, string | number | boolean | null>
export type ExportData = ExportRecord | ExportRecord[]

/**
 * A part of the data-subject export (152-ФЗ ст.14). Features register what they hold about a
 * patient; the export includes a section only when the person exporting has `permission` at
 * this terminal (medical sections: 'medical.read'), and names the sections it left out.
 */
export interface ExportSection {
  /** Stable key in the JSON bundle, e.g. "medical.visits". */
  name: string
  title: MessageKey
  permission: Permission
  /** Readable labels of the record keys; keys without one are shown as they are. */
  labels?: Readonly<Record<string, MessageKey>>
  load(ctx: ExportContext): Promise<ExportData>
}

const sections = new Map<string, ExportSection>()

/**
 * Adds a section to every export, in registration order. A feature may replace a built-in
 * section by registering the same name (the schedule may replace "visits").
 */
export function registerExportSection(section: ExportSection): void {
  sections.set(section.name, section)
}

/** The registered sections, in order. */
export function exportSections(): readonly ExportSection[] {
  return [...sections.values()]
}
