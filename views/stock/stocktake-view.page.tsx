import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'
import type { FormatQuantity } from '../../server/stock/quantity.js'
import type { StocktakeView } from '../../server/stock/stock.queries.js'
import { StockNav } from './stock-nav.js'

/** A posted stock-take: what the ledger expected, what was counted, the difference. */
export function StocktakeViewPage(props: {
  i18n: I18n
  stocktake: StocktakeView
  quantity: FormatQuantity
  canWrite: boolean
}) {
  const { t } = props.i18n
  const s = props.stocktake
  return (
    <section class="card">
      <h1>
        {t('stock.stocktake_view_title', {
          id: s.id,
          date: formatDay(props.i18n.locale, s.on_date),
        })}
      </h1>
      <StockNav i18n={props.i18n} current="stocktake" canWrite={props.canWrite} />
      <p>
        {t('stock.posted_by', { name: s.created_by_name, at: props.i18n.dateTime(s.created_at) })}
      </p>
      {s.note && <p>{s.note}</p>}
      <table class="data-table" data-testid="stocktake-lines">
        <thead>
          <tr>
            <th scope="col">{t('stock.col.name')}</th>
            <th scope="col" class="num">
              {t('stock.col.expected')}
            </th>
            <th scope="col" class="num">
              {t('stock.col.counted')}
            </th>
            <th scope="col" class="num">
              {t('stock.col.difference')}
            </th>
          </tr>
        </thead>
        <tbody>
          {s.lines.map((l) => {
            const d = l.counted_milli - l.expected_milli
            return (
              <tr>
                <th scope="row">
                  <a href={`/stock/materials/${l.material_id}`}>{l.name}</a>
                </th>
                <td class="num">{props.quantity(l.expected_milli, l.unit)}</td>
                <td class="num">{props.quantity(l.counted_milli, l.unit)}</td>
                <td class="num">{`${d > 0 ? '+' : ''}${props.quantity(d, l.unit)}`}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
