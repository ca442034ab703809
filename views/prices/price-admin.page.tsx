import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { PriceItemRow } from '../../server/prices/prices.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../plans/inputs.js'
import { PriceTable } from './price-table.js'

export interface PriceItemValues {
  group_id: string
  code: string
  name: string
  price: string
  active?: string
}

export type PriceErrors = Partial<Record<string, MessageKey>>

export const PRICE_ADMIN_ID = 'price-admin'

/** The owner's price list: every item (inactive too), a new group and a new item. */
export function PriceAdminPage(props: {
  i18n: I18n
  csrfToken: string
  groups: { id: number; name: string }[]
  items: PriceItemRow[]
  money: FormatMoney
  groupName?: string
  groupErrors?: PriceErrors
  item?: PriceItemValues
  itemErrors?: PriceErrors
}) {
  const { t } = props.i18n
  const e = (errors: PriceErrors | undefined, k: string) => {
    const key = errors?.[k]
    return key ? t(key) : undefined
  }
  const item = props.item ?? { group_id: '', code: '', name: '', price: '' }
  return (
    <section class="card" id={PRICE_ADMIN_ID}>
      <h1>{t('prices.admin_title')}</h1>
      <p class="hint">{t('prices.admin_intro')}</p>
      <PriceTable
        i18n={props.i18n}
        items={props.items}
        money={props.money}
        editHref={(id) => `/admin/prices/items/${id}`}
      />
      <form method="post" action="/admin/prices/items" class="stacked-form">
        <h2>{t('prices.new_item')}</h2>
        <CsrfField token={props.csrfToken} />
        <SelectField
          id="item-group"
          name="group_id"
          label={t('prices.field.group')}
          value={item.group_id}
          options={[
            { value: '', label: t('prices.choose_group') },
            ...props.groups.map((g) => ({ value: String(g.id), label: g.name })),
          ]}
          error={e(props.itemErrors, 'group_id')}
        />
        <Field
          id="item-code"
          name="code"
          label={t('prices.field.code')}
          value={item.code}
          hint={t('prices.code_hint')}
          error={e(props.itemErrors, 'code')}
        />
        <Field
          id="item-name"
          name="name"
          label={t('prices.field.name')}
          value={item.name}
          error={e(props.itemErrors, 'name')}
        />
        <Field
          id="item-price"
          name="price"
          label={t('prices.field.price')}
          value={item.price}
          hint={t('prices.price_hint')}
          error={e(props.itemErrors, 'price')}
        />
        <button type="submit">{t('prices.add_item')}</button>
      </form>
      <form method="post" action="/admin/prices/groups" class="stacked-form">
        <h2>{t('prices.new_group')}</h2>
        <CsrfField token={props.csrfToken} />
        <Field
          id="group-name"
          name="name"
          label={t('prices.field.group_name')}
          value={props.groupName ?? ''}
          error={e(props.groupErrors, 'name')}
        />
        <button type="submit">{t('prices.add_group')}</button>
      </form>
    </section>
  )
}
