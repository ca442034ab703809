import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatQuantity } from '../../server/stock/quantity.js'
import { isShortage, type MaterialRow } from '../../server/stock/stock.queries.js'

export const LOW_STOCK_ID = 'low-stock'

/** The home page's warning: materials at or below their threshold, or short. */
export function LowStockWarning(props: {
  i18n: I18n
  materials: MaterialRow[]
  quantity: FormatQuantity
}) {
  const { t } = props.i18n
  if (props.materials.length === 0) return null
  return (
    <section class="notice warning" id={LOW_STOCK_ID} aria-labelledby="low-stock-heading">
      <h2 id="low-stock-heading">{t('stock.low_title')}</h2>
      <ul>
        {props.materials.map((m) => (
          <li data-material={m.id}>
            <a href={`/stock/materials/${m.id}`}>
              {isShortage(m)
                ? t('stock.short_line', {
                    name: m.name,
                    balance: props.quantity(m.balance_milli, m.unit),
                  })
                : t('stock.low_line', {
                    name: m.name,
                    balance: props.quantity(m.balance_milli, m.unit),
                    min: props.quantity(m.min_quantity_milli, m.unit),
                  })}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/stock">{t('stock.low_open')}</a>
      </p>
    </section>
  )
}
