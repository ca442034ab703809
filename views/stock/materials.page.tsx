import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatQuantity } from '../../server/stock/quantity.js'
import type { MaterialRow } from '../../server/stock/stock.queries.js'
import { SelectField } from '../components/form-controls.js'
import { Field } from '../components/field.js'
import { StockNav } from './stock-nav.js'
import { StockState } from './stock-state.js'

export type MaterialsShow = 'active' | 'low' | 'all'

/** Every material with its balance, threshold and state; a filter by name and state. */
export function MaterialsPage(props: {
  i18n: I18n
  materials: MaterialRow[]
  quantity: FormatQuantity
  filter: { q: string; show: MaterialsShow }
  filtered: boolean
  canWrite: boolean
}) {
  const { t } = props.i18n
  return (
    <section class="card" id="stock-materials">
      <h1>{t('stock.title')}</h1>
      <StockNav i18n={props.i18n} current="materials" canWrite={props.canWrite} />
      <form method="get" action="/stock" class="row-form" role="search">
        <Field id="stock-q" name="q" label={t('stock.filter.search')} value={props.filter.q} />
        <SelectField
          id="stock-show"
          name="show"
          label={t('stock.filter.show')}
          value={props.filter.show}
          options={[
            { value: 'active', label: t('stock.filter.active') },
            { value: 'low', label: t('stock.filter.low') },
            { value: 'all', label: t('stock.filter.all') },
          ]}
        />
        <button type="submit">{t('stock.filter.apply')}</button>
      </form>
      {props.materials.length === 0 ? (
        <p class="empty">{t(props.filtered ? 'stock.empty_filtered' : 'stock.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="materials">
            <thead>
              <tr>
                <th scope="col">{t('stock.col.name')}</th>
                <th scope="col" class="num">
                  {t('stock.col.balance')}
                </th>
                <th scope="col" class="num">
                  {t('stock.col.min')}
                </th>
                <th scope="col">{t('stock.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {props.materials.map((m) => (
                <tr class={m.active ? undefined : 'inactive'} data-material={m.id}>
                  <td>
                    <a href={`/stock/materials/${m.id}`}>{m.name}</a>
                  </td>
                  <td class="num">{props.quantity(m.balance_milli, m.unit)}</td>
                  <td class="num">{props.quantity(m.min_quantity_milli, m.unit)}</td>
                  <td>
                    <StockState i18n={props.i18n} material={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canWrite && (
        <p>
          <a class="button" href="/stock/materials/new">
            {t('stock.add_material')}
          </a>
        </p>
      )}
    </section>
  )
}
