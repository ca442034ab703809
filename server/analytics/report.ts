import type { MessageKey } from '../i18n/messages.js'

// One shape for every analytics report: a table (the source of truth), the chart drawn from
// the same rows, and the CSV written from the same rows, so the three never disagree.

/**
 * How a cell's raw value reads: plain text, a catalogue key to translate, a count, kopecks,
 * a 0..1 share, minutes, thousandths of a unit.
 */
export type CellKind = 'text' | 'key' | 'int' | 'money' | 'percent' | 'minutes' | 'milli'

export type Cell = string | number | null

export interface Column {
  label: MessageKey
  kind: CellKind
}

export interface ChartSpec {
  type: 'bar' | 'line' | 'doughnut'
  /** Indexes of the columns drawn as series; the first column labels the points. */
  series: number[]
  horizontal?: boolean
  stacked?: boolean
}

export const REPORT_IDS = [
  'revenue_day',
  'revenue_month',
  'revenue_doctor',
  'revenue_service',
  'cash_method',
  'doctor_pay',
  'utilisation',
  'patients',
  'attendance',
  'plans',
  'diagnoses',
  'stock',
] as const
export type ReportId = (typeof REPORT_IDS)[number]

export interface Report {
  id: ReportId
  title: MessageKey
  columns: Column[]
  rows: Cell[][]
  /** A footer row ("Итого"), when a total means something and reveals nothing. */
  total?: Cell[]
  chart?: ChartSpec
  /** Definitions shown under the table: how each number is counted. */
  notes: MessageKey[]
}

export const isReportId = (s: string): s is ReportId =>
  (REPORT_IDS as readonly string[]).includes(s)

/** Share as a number 0..1, or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : part / whole
