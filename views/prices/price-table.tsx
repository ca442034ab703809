import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { PriceItemRow } from '../../server/prices/prices.queries.js'

/** The price list grouped by price group; `editHref` adds an edit link per row (owner). */
export function PriceTable(props: {
  i18n: I18n
  items: PriceItemRow[]
  money: FormatMoney
  editHref?: (id: number) => string
}) {
  const { t } = props.i18n
  if (props.items.length === 0) return <p class="empty">{t('prices.empty')}</p>
  const groups = [...new Set(props.items.map((i) => i.group_name))]
  return (
    <>
      {groups.map((group) => (
        <table class="data-table price-table">
          <caption>{group}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prices.col.code')}</th>
              <th scope="col">{t('prices.col.name')}</th>
              <th scope="col" class="num">
                {t('prices.col.price')}
              </th>
              {props.editHref && <th scope="col">{t('prices.col.state')}</th>}
            </tr>
          </thead>
          <tbody>
            {props.items
              .filter((i) => i.group_name === group)
              .map((i) => (
                <tr class={i.active ? undefined : 'inactive'}>
                  <td>{i.code}</td>
                  <td>{props.editHref ? <a href={props.editHref(i.id)}>{i.name}</a> : i.name}</td>
                  <td class="num">{props.money(i.price_kopecks)}</td>
                  {props.editHref && (
                    <td>{i.active ? t('prices.active') : t('prices.inactive')}</td>
                  )}
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </>
  )
}
