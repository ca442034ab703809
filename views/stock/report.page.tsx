import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { FormatQuantity } from '../../server/stock/quantity.js'
import type { MonthReport } from '../../server/stock/stock-report.queries.js'
import { Field } from '../components/field.js'
import { StockNav } from './stock-nav.js'

/** The month's materials: the stock part of closing a month. */
export function StockReportPage(props: {
  i18n: I18n
  report: MonthReport
  monthLabel: string
  prev: string
  next: string
  quantity: FormatQuantity
  money: FormatMoney
  canWrite: boolean
  monthError?: string
}) {
  const { t } = props.i18n
  const r = props.report
  const q = props.quantity
  return (
    <section class="card">
      <h1>{t('stock.report_title', { month: props.monthLabel })}</h1>
      <StockNav i18n={props.i18n} current="report" canWrite={props.canWrite} />
      <form method="get" action="/stock/report" class="row-form">
        <Field
          id="report-month"
          name="month"
          type="month"
          label={t('stock.field.month')}
          value={r.month}
          hint={t('stock.month_hint')}
          error={props.monthError}
        />
        <button type="submit">{t('stock.show')}</button>
      </form>
      <p class="subnav">
        <a href={`/stock/report?month=${props.prev}`}>{t('stock.prev_month')}</a>
        <a href={`/stock/report?month=${props.next}`}>{t('stock.next_month')}</a>
      </p>
      <p class="hint">{t('stock.report_intro')}</p>
      {r.lines.length === 0 ? (
        <p class="empty">{t('stock.report_empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="stock-report">
            <thead>
              <tr>
                <th scope="col">{t('stock.col.name')}</th>
                <th scope="col" class="num">
                  {t('stock.col.opening')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.receipts')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.procedures')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.write_offs')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.stocktake')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.closing')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.receipts_cost')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.used_cost')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => (
                <tr data-material={l.material_id}>
                  <th scope="row">
                    <a href={`/stock/materials/${l.material_id}`}>{l.name}</a>
                  </th>
                  <td class="num">{q(l.opening_milli, l.unit)}</td>
                  <td class="num">{q(l.receipts_milli, l.unit)}</td>
                  <td class="num">{q(l.procedures_milli, l.unit)}</td>
                  <td class="num">{q(l.write_offs_milli, l.unit)}</td>
                  <td class="num">
                    {l.stocktake_milli > 0 ? '+' : ''}
                    {q(l.stocktake_milli, l.unit)}
                  </td>
                  <td class="num">{q(l.closing_milli, l.unit)}</td>
                  <td class="num">{props.money(l.receipts_cost_kopecks)}</td>
                  <td class="num">
                    {l.used_cost_kopecks === null ? '—' : props.money(l.used_cost_kopecks)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan={7}>
                  {t('stock.total')}
                </th>
                <td class="num" data-testid="total-receipts-cost">
                  {props.money(r.totals.receipts_cost_kopecks)}
                </td>
                <td class="num" data-testid="total-used-cost">
                  {props.money(r.totals.used_cost_kopecks)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p class="hint">{t('stock.used_cost_note')}</p>
    </section>
  )
}
