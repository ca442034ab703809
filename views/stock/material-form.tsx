import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import { STOCK_UNITS } from '../../server/stock/stock.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'

export interface MaterialValues {
  name: string
  unit: string
  min_quantity: string
  active?: string
}

export type StockErrors = Partial<Record<string, MessageKey>>

/** Name, unit and low-stock threshold; "in use" only when editing. */
export function MaterialForm(props: {
  i18n: I18n
  csrfToken: string
  action: string
  values: MaterialValues
  errors?: StockErrors
  editing: boolean
}) {
  const { t } = props.i18n
  const e = (k: string) => {
    const key = props.errors?.[k]
    return key ? t(key) : undefined
  }
  return (
    <form method="post" action={props.action} class="stacked-form">
      <CsrfField token={props.csrfToken} />
      <Field
        id="material-name"
        name="name"
        label={t('stock.field.name')}
        value={props.values.name}
        error={e('name')}
        required
      />
      <SelectField
        id="material-unit"
        name="unit"
        label={t('stock.field.unit')}
        value={props.values.unit}
        options={STOCK_UNITS.map((u) => ({ value: u, label: t(`stock.unit.${u}`) }))}
        hint={t('stock.unit_hint')}
        error={e('unit')}
      />
      <Field
        id="material-min"
        name="min_quantity"
        label={t('stock.field.min')}
        value={props.values.min_quantity}
        hint={t('stock.min_hint')}
        error={e('min_quantity')}
      />
      {props.editing && (
        <div class="field checkbox">
          <input
            id="material-active"
            type="checkbox"
            name="active"
            value="1"
            checked={props.values.active === '1'}
          />
          <label for="material-active">{t('stock.field.active')}</label>
        </div>
      )}
      <button type="submit">{t(props.editing ? 'stock.save' : 'stock.add_material')}</button>
    </form>
  )
}
