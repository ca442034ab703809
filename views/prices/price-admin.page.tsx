import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { PriceItemRow } from '../../server/prices/prices.queries.js'
import { errorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { StackedForm } from '../components/stacked-form.js'
import { SelectField } from '../components/form-controls.js'
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
  const itemErr = errorText(t, props.itemErrors)
  const groupErr = errorText(t, props.groupErrors)
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
      <StackedForm
        action="/admin/prices/items"
        heading={t('prices.new_item')}
        submit={t('prices.add_item')}
        csrfToken={props.csrfToken}
      >
        <SelectField
          id="item-group"
          name="group_id"
          label={t('prices.field.group')}
          value={item.group_id}
          options={[
            { value: '', label: t('prices.choose_group') },
            ...props.groups.map((g) => ({ value: String(g.id), label: g.name })),
          ]}
          error={itemErr('group_id')}
        />
        <Field
          id="item-code"
          name="code"
          label={t('prices.field.code')}
          value={item.code}
          hint={t('prices.code_hint')}
          error={itemErr('code')}
        />
        <Field
          id="item-name"
          name="name"
          label={t('prices.field.name')}
          value={item.name}
          error={itemErr('name')}
        />
        <Field
          id="item-price"
          name="price"
          label={t('prices.field.price')}
          value={item.price}
          hint={t('prices.price_hint')}
          error={itemErr('price')}
        />
      </StackedForm>
      <StackedForm
        action="/admin/prices/groups"
        heading={t('prices.new_group')}
        submit={t('prices.add_group')}
        csrfToken={props.csrfToken}
      >
        <Field
          id="group-name"
          name="name"
          label={t('prices.field.group_name')}
          value={props.groupName ?? ''}
          error={groupErr('name')}
        />
      </StackedForm>
    </section>
  )
}
