import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { PriceItemRow } from '../../server/prices/prices.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'
import type { PriceErrors, PriceItemValues } from './price-admin.page.js'

/** One service: edit its name, group, price and state; see every price it has had. */
export function PriceItemPage(props: {
  i18n: I18n
  csrfToken: string
  item: PriceItemRow
  groups: { id: number; name: string }[]
  history: { id: number; price_kopecks: number; set_at: string; set_by_name: string | null }[]
  money: FormatMoney
  values: PriceItemValues
  errors?: PriceErrors
}) {
  const { t } = props.i18n
  const e = (k: string) => {
    const key = props.errors?.[k]
    return key ? t(key) : undefined
  }
  return (
    <section class="card">
      <p>
        <a href="/admin/prices">{t('prices.back')}</a>
      </p>
      <h1>{t('prices.item_title', { code: props.item.code })}</h1>
      <form method="post" action={`/admin/prices/items/${props.item.id}`} class="stacked-form">
        <CsrfField token={props.csrfToken} />
        <SelectField
          id="item-group"
          name="group_id"
          label={t('prices.field.group')}
          value={props.values.group_id}
          options={props.groups.map((g) => ({ value: String(g.id), label: g.name }))}
          error={e('group_id')}
        />
        <Field
          id="item-name"
          name="name"
          label={t('prices.field.name')}
          value={props.values.name}
          error={e('name')}
        />
        <Field
          id="item-price"
          name="price"
          label={t('prices.field.price')}
          value={props.values.price}
          hint={t('prices.price_change_hint')}
          error={e('price')}
        />
        <div class="field checkbox">
          <input
            id="item-active"
            type="checkbox"
            name="active"
            value="1"
            checked={props.values.active === '1'}
          />
          <label for="item-active">{t('prices.field.active')}</label>
        </div>
        <button type="submit">{t('prices.save')}</button>
      </form>
      <h2>{t('prices.history')}</h2>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('prices.col.since')}</th>
            <th scope="col" class="num">
              {t('prices.col.price')}
            </th>
            <th scope="col">{t('prices.col.set_by')}</th>
          </tr>
        </thead>
        <tbody>
          {props.history.map((h) => (
            <tr>
              <td>{props.i18n.dateTime(h.set_at)}</td>
              <td class="num">{props.money(h.price_kopecks)}</td>
              <td>{h.set_by_name ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
