import { CSV_EOL, csvCell, csvDelimiter, csvRow, UTF8_BOM } from '../audit/csv.js'
import type { Locale } from '../config.js'
import type { I18n } from '../i18n/i18n.js'
import type { MessageKey } from '../i18n/messages.js'
import { kopecksToInput, moneyFormatter } from '../prices/money.js'
import type { Cell, CellKind, Report } from './report.js'

// One report, three readings of the same rows: for people (the table), for spreadsheets (the
// CSV: plain decimals with the locale's decimal mark) and for the chart (numbers only).

const intlLocale: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' }

export type FormatCell = (kind: CellKind, value: Cell) => string

/** The table's text for a cell; empty for a missing value ("—" for a share of nothing). */
export function cellFormatter(i18n: I18n): FormatCell {
  const loc = intlLocale[i18n.locale]
  const money = moneyFormatter(i18n.locale)
  const int = new Intl.NumberFormat(loc)
  const pct = new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 1 })
  const milli = new Intl.NumberFormat(loc, { maximumFractionDigits: 3 })
  return (kind, value) => {
    if (value === null) return kind === 'percent' ? '—' : ''
    if (typeof value === 'string') return kind === 'key' ? i18n.t(value as MessageKey) : value
    switch (kind) {
      case 'money':
        return money(value)
      case 'percent':
        return pct.format(value)
      case 'minutes':
        return i18n.t('analytics.hours', { h: Math.floor(value / 60), m: value % 60 })
      case 'milli':
        return milli.format(value / 1000)
      default:
        return int.format(value)
    }
  }
}

/** A plain decimal with the locale's mark, as Excel in that locale reads numbers. */
function decimal(value: number, digits: number, locale: Locale): string {
  const s = Number(value.toFixed(digits)).toString()
  return locale === 'ru' ? s.replace('.', ',') : s
}

/**
 * A cell's CSV text. Numbers are written by us from integers, so they never start a formula
 * and bypass the defusing that would turn "-900,00" into text; text goes through csvCell.
 */
function csvValue(kind: CellKind, value: Cell, i18n: I18n, delimiter: string): string {
  if (value === null) return ''
  if (typeof value === 'string') {
    return csvCell(kind === 'key' ? i18n.t(value as MessageKey) : value)
  }
  let text: string
  switch (kind) {
    case 'money':
      text =
        value < 0 ? `-${kopecksToInput(-value, i18n.locale)}` : kopecksToInput(value, i18n.locale)
      break
    case 'percent':
      text = decimal(value * 100, 1, i18n.locale)
      break
    case 'minutes':
      text = decimal(value / 60, 2, i18n.locale)
      break
    case 'milli':
      text = decimal(value / 1000, 3, i18n.locale)
      break
    default:
      text = String(value)
  }
  // The decimal mark is never the delimiter (";" goes with ",", "," with "."), but be sure.
  return text.includes(delimiter) ? `"${text}"` : text
}

/** Header suffix telling the spreadsheet reader the unit of a converted column. */
const CSV_UNIT: Partial<Record<CellKind, string>> = { percent: ' (%)', minutes: ' (h)' }

/**
 * The report as a CSV file: BOM (Excel reads UTF-8), the locale's delimiter, a header row, the
 * rows, and the total row when the report has one. Cells are defused against formulas.
 */
export function reportCsv(report: Report, i18n: I18n): string {
  const d = csvDelimiter(i18n.locale)
  const header = report.columns.map((c) => i18n.t(c.label) + (CSV_UNIT[c.kind] ?? ''))
  const cells = (row: Cell[], from: number) =>
    row.slice(from).map((v, i) => csvValue(report.columns[i + from]!.kind, v, i18n, d))
  let out = UTF8_BOM + csvRow(header, d)
  for (const row of report.rows) out += cells(row, 0).join(d) + CSV_EOL
  if (report.total) {
    out += [csvCell(i18n.t('analytics.total')), ...cells(report.total, 1)].join(d) + CSV_EOL
  }
  return out
}

export interface ChartData {
  type: 'bar' | 'line' | 'doughnut'
  horizontal: boolean
  stacked: boolean
  labels: string[]
  datasets: { label: string; data: (number | null)[] }[]
}

function chartNumber(kind: CellKind, value: Cell): number | null {
  if (typeof value !== 'number') return null
  switch (kind) {
    case 'money':
      return value / 100
    case 'percent':
      return Math.round(value * 1000) / 10
    case 'minutes':
      return Math.round((value / 60) * 100) / 100
    case 'milli':
      return value / 1000
    default:
      return value
  }
}

/** What /static/charts.js draws: labels from the first column, one dataset per series. */
export function chartData(report: Report, format: FormatCell, i18n: I18n): ChartData | undefined {
  if (!report.chart || report.rows.length === 0) return undefined
  const first = report.columns[0]!
  return {
    type: report.chart.type,
    horizontal: report.chart.horizontal ?? false,
    stacked: report.chart.stacked ?? false,
    labels: report.rows.map((r) => format(first.kind, r[0] ?? null)),
    datasets: report.chart.series.map((i) => ({
      label: i18n.t(report.columns[i]!.label),
      data: report.rows.map((r) => chartNumber(report.columns[i]!.kind, r[i] ?? null)),
    })),
  }
}
