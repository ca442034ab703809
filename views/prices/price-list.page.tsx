import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { PriceItemRow } from '../../server/prices/prices.queries.js'
import { PriceTable } from './price-table.js'

/** The current price list, read-only, for whoever may see money. */
export function PriceListPage(props: { i18n: I18n; items: PriceItemRow[]; money: FormatMoney }) {
  const { t } = props.i18n
  return (
    <section class="card">
      <h1>{t('prices.title')}</h1>
      <PriceTable i18n={props.i18n} items={props.items} money={props.money} />
    </section>
  )
}
