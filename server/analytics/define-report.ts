import type { DbOrTrx } from '../database.js'
import type { MessageKey } from '../i18n/messages.js'
import type { Period } from './period.js'
import type { Cell, ChartSpec, Column, Report, ReportId } from './report.js'

// Every report is the same table built from different items: a report is declared by what
// sets it apart (where its items come from, its columns, its total, chart and notes), and
// `defineReport` builds the `Report` the page, the chart and the CSV all read.

export interface ReportContext {
  db: DbOrTrx
  period: Period
  timeZone: string
}

/** A column as declared: its heading, how its cells read, and the cell of one item. */
export interface ColumnSpec<T> extends Column {
  cell: (item: T) => Cell
}

export interface ReportSpec<T> {
  id: ReportId
  /**
   * The items, one per row, in the order shown; or the rows together with the item the total
   * row is read from, when only the database can count the total (a patient seen in two
   * months is one patient of the period); such a spec declares no `total`.
   */
  load: (ctx: ReportContext) => Promise<T[] | { rows: T[]; total: T }>
  /** The first column labels the rows and the chart's points; the total row shows "Итого" there. */
  columns: ColumnSpec<T>[]
  /**
   * The footer: `'sum'` adds up every column but the first; a function gives the item the total
   * row is read from through the same columns (so a share there is the share of the totals).
   * None when a total means nothing or would reveal something.
   */
  total?: 'sum' | ((items: T[]) => T)
  chart?: ChartSpec
  /** Definitions shown under the table: how each number is counted. */
  notes: MessageKey[]
}

/** The sum of one number over the items. */
export const sumOf = <T>(items: readonly T[], value: (item: T) => number) =>
  items.reduce((s, item) => s + value(item), 0)

/**
 * Builds the report a spec declares: loads its items for the period, reads one row per item
 * through the columns, adds the total row the spec asks for, and titles it
 * `analytics.report.<id>`. All SQL stays in the spec's `load` (Kysely, bound parameters).
 */
export function defineReport<T>(spec: ReportSpec<T>): (ctx: ReportContext) => Promise<Report> {
  const cellsOf = (item: T) => spec.columns.map((c) => c.cell(item))
  const totalRow = (item: T): Cell[] => [null, ...cellsOf(item).slice(1)]
  const sumRow = (rows: Cell[][]): Cell[] =>
    spec.columns.map((_, i) => (i === 0 ? null : sumOf(rows, (r) => Number(r[i] ?? 0))))
  return async (ctx) => {
    const loaded = await spec.load(ctx)
    const items = Array.isArray(loaded) ? loaded : loaded.rows
    const rows = items.map(cellsOf)
    let total: Cell[] | undefined
    if (!Array.isArray(loaded)) total = totalRow(loaded.total)
    else if (spec.total === 'sum') total = sumRow(rows)
    else if (spec.total) total = totalRow(spec.total(items))
    return {
      id: spec.id,
      title: `analytics.report.${spec.id}`,
      columns: spec.columns.map(({ label, kind }) => ({ label, kind })),
      rows,
      ...(total && { total }),
      ...(spec.chart && { chart: spec.chart }),
      notes: spec.notes,
    }
  }
}
