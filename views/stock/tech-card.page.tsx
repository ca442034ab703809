import type { I18n } from '../../server/i18n/i18n.js'
import { milliToInput, type FormatQuantity } from '../../server/stock/quantity.js'
import type { StockUnit } from '../../server/stock/stock.table.js'
import type { TechCardLineRow } from '../../server/stock/tech-cards.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'
import type { StockErrors } from './material-form.js'
import { StockNav } from './stock-nav.js'

/** One service's card: its materials per one service; add, change, remove (stock.write). */
export function TechCardPage(props: {
  i18n: I18n
  csrfToken: string
  service: { id: number; code: string; name: string; active: number }
  lines: TechCardLineRow[]
  materials: { id: number; name: string; unit: StockUnit }[]
  quantity: FormatQuantity
  canWrite: boolean
  values: { material_id: string; quantity: string }
  errors?: StockErrors
}) {
  const { t } = props.i18n
  const s = props.service
  const base = `/stock/tech-cards/${s.id}`
  const e = (k: string) => {
    const key = props.errors?.[k]
    return key ? t(key) : undefined
  }
  return (
    <section class="card">
      <h1>{t('stock.tech_card_title', { code: s.code, name: s.name })}</h1>
      <StockNav i18n={props.i18n} current="tech_cards" canWrite={props.canWrite} />
      <p>
        <a href="/stock/tech-cards">{t('stock.back_to_cards')}</a>
      </p>
      {!s.active && <p class="notice warning">{t('stock.inactive_service')}</p>}
      {props.lines.length === 0 ? (
        <p class="empty">{t('stock.tech_card_empty')}</p>
      ) : (
        <table class="data-table" data-testid="tech-card">
          <thead>
            <tr>
              <th scope="col">{t('stock.col.material')}</th>
              <th scope="col">{t('stock.col.per_service')}</th>
              <th scope="col">{t('stock.col.changed')}</th>
              {props.canWrite && <th scope="col">{t('stock.remove')}</th>}
            </tr>
          </thead>
          <tbody>
            {props.lines.map((l) => (
              <tr data-line={l.id}>
                <th scope="row">
                  <a href={`/stock/materials/${l.material_id}`}>{l.material_name}</a>
                </th>
                <td>
                  {props.canWrite ? (
                    <form method="post" action={`${base}/lines`} class="row-form">
                      <CsrfField token={props.csrfToken} />
                      <input type="hidden" name="material_id" value={String(l.material_id)} />
                      <input
                        name="quantity"
                        value={milliToInput(l.quantity_milli, props.i18n.locale)}
                        inputmode="decimal"
                        aria-label={t('stock.quantity_label', { name: l.material_name })}
                      />{' '}
                      {t(`stock.unit_short.${l.unit}`)}{' '}
                      <button type="submit" class="secondary-action">
                        {t('stock.save')}
                      </button>
                    </form>
                  ) : (
                    props.quantity(l.quantity_milli, l.unit)
                  )}
                </td>
                <td>
                  {t('stock.changed_by', {
                    name: l.updated_by_name,
                    at: props.i18n.dateTime(l.updated_at),
                  })}
                </td>
                {props.canWrite && (
                  <td>
                    <form method="post" action={`${base}/lines/${l.id}/remove`}>
                      <CsrfField token={props.csrfToken} />
                      <button
                        type="submit"
                        class="link-button"
                        aria-label={`${t('stock.remove')}: ${l.material_name}`}
                      >
                        {t('stock.remove')}
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canWrite && (
        <form method="post" action={`${base}/lines`} class="stacked-form">
          <h2>{t('stock.add_to_card')}</h2>
          <CsrfField token={props.csrfToken} />
          <SelectField
            id="card-material"
            name="material_id"
            label={t('stock.col.material')}
            value={props.values.material_id}
            options={[
              { value: '', label: t('stock.choose_material') },
              ...props.materials.map((m) => ({
                value: String(m.id),
                label: `${m.name} (${t(`stock.unit_short.${m.unit}`)})`,
              })),
            ]}
            error={e('material_id')}
          />
          <Field
            id="card-quantity"
            name="quantity"
            label={t('stock.col.per_service')}
            value={props.values.quantity}
            hint={t('stock.card_hint')}
            error={e('quantity')}
          />
          <button type="submit">{t('stock.add_to_card')}</button>
        </form>
      )}
    </section>
  )
}
