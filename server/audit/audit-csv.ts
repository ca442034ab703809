import type { I18n } from '../i18n/i18n.js'
import { actionLabel, outcomeLabel } from './actions.js'
import type { AuditRow } from './audit.queries.js'
import { csvDelimiter, csvRow, UTF8_BOM } from './csv.js'

// The trail as a spreadsheet: ids next to names so the file stays evidence even after a
// rename, UTC next to clinic time so nobody has to guess the offset.

function zoneLabel(i18n: I18n, zone: string | null): string | null {
  return zone === 'reception' || zone === 'surgery' || zone === 'office'
    ? i18n.t(`zone.${zone}`)
    : zone
}

function header(i18n: I18n): string[] {
  const { t } = i18n
  return [
    t('audit.csv.id'),
    t('audit.csv.at_utc'),
    t('audit.csv.at_local', { tz: i18n.timeZone }),
    t('audit.csv.staff_id'),
    t('audit.csv.staff'),
    t('audit.csv.device_id'),
    t('audit.csv.device'),
    t('audit.csv.zone'),
    t('audit.csv.action'),
    t('audit.csv.action_label'),
    t('audit.csv.patient_id'),
    t('audit.csv.patient'),
    t('audit.csv.category'),
    t('audit.csv.outcome'),
    t('audit.csv.details'),
  ]
}

function cells(i18n: I18n, e: AuditRow) {
  return [
    e.id,
    e.at,
    i18n.dateTime(e.at),
    e.staff_id,
    e.staff_name,
    e.device_id,
    e.device_name,
    zoneLabel(i18n, e.zone),
    e.action,
    actionLabel(i18n.t, e.action, e.outcome),
    e.patient_id,
    e.patient_name,
    e.category,
    outcomeLabel(i18n.t, e.outcome),
    // The stored canonical JSON, unabridged: the export is the evidence copy.
    e.details,
  ]
}

/**
 * The export as a byte stream: BOM and header first, then one batch of rows per pull, so
 * the database is read only as fast as the browser downloads.
 */
export function auditCsvStream(i18n: I18n, batches: AsyncGenerator<AuditRow[]>) {
  const enc = new TextEncoder()
  const sep = csvDelimiter(i18n.locale)
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(enc.encode(UTF8_BOM + csvRow(header(i18n), sep)))
    },
    async pull(controller) {
      const next = await batches.next()
      if (next.done) controller.close()
      else
        controller.enqueue(enc.encode(next.value.map((e) => csvRow(cells(i18n, e), sep)).join('')))
    },
    async cancel() {
      await batches.return(undefined)
    },
  })
}
