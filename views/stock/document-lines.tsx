import type { I18n } from '../../server/i18n/i18n.js'
import { DOCUMENT_ROWS } from '../../server/stock/documents.service.js'
import type { StockUnit } from '../../server/stock/stock.table.js'
import type { StockErrors } from './material-form.js'

export type DocumentValues = Record<string, string>

/** The rows of a receipt (with a price) or a write-off: material, quantity, maybe price. */
export function DocumentLines(props: {
  i18n: I18n
  materials: { id: number; name: string; unit: StockUnit }[]
  values: DocumentValues
  errors?: StockErrors
  costed: boolean
}) {
  const { t } = props.i18n
  const v = (k: string) => props.values[k] ?? ''
  const err = (k: string) => props.errors?.[k]
  const rows = Array.from({ length: DOCUMENT_ROWS }, (_, i) => i)
  const cell = (name: string, label: string) => {
    const e = err(name)
    return (
      <td class={e ? 'has-error' : undefined}>
        <input
          id={`doc-${name}`}
          name={name}
          value={v(name)}
          inputmode="decimal"
          aria-label={label}
          aria-invalid={e ? 'true' : undefined}
          aria-describedby={e ? `doc-${name}-error` : undefined}
        />
        {e && (
          <p class="error" id={`doc-${name}-error`}>
            {t(e)}
          </p>
        )}
      </td>
    )
  }
  return (
    <fieldset>
      <legend>{t('stock.lines')}</legend>
      {err('lines') && (
        <p class="error" role="alert" id="doc-lines-error">
          {t(err('lines')!)}
        </p>
      )}
      <div class="table-scroll">
        <table class="data-table" data-testid="document-lines">
          <thead>
            <tr>
              <th scope="col">{t('stock.col.material')}</th>
              <th scope="col">{t('stock.col.quantity')}</th>
              {props.costed && <th scope="col">{t('stock.col.cost')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => {
              const m = `material_${i}`
              const me = err(m)
              return (
                <tr>
                  <td class={me ? 'has-error' : undefined}>
                    <select
                      id={`doc-${m}`}
                      name={m}
                      aria-label={t('stock.line_material', { n: i + 1 })}
                      aria-invalid={me ? 'true' : undefined}
                      aria-describedby={me ? `doc-${m}-error` : undefined}
                    >
                      <option value="">{t('stock.choose_material')}</option>
                      {props.materials.map((mat) => (
                        <option value={String(mat.id)} selected={v(m) === String(mat.id)}>
                          {`${mat.name} (${t(`stock.unit_short.${mat.unit}`)})`}
                        </option>
                      ))}
                    </select>
                    {me && (
                      <p class="error" id={`doc-${m}-error`}>
                        {t(me)}
                      </p>
                    )}
                  </td>
                  {cell(`quantity_${i}`, t('stock.line_quantity', { n: i + 1 }))}
                  {props.costed && cell(`cost_${i}`, t('stock.line_cost', { n: i + 1 }))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}
