import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'
import type { FormatQuantity } from '../../server/stock/quantity.js'
import type { MaterialRow } from '../../server/stock/stock.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import type { StockErrors } from './material-form.js'
import { StockNav } from './stock-nav.js'

/**
 * The count sheet: expected balances pre-filled, counted entered. "Show differences" re-renders
 * it with the differences (nothing written); "Post" writes them.
 */
export function StocktakePage(props: {
  i18n: I18n
  csrfToken: string
  materials: MaterialRow[]
  quantity: FormatQuantity
  values: Record<string, string>
  /** Counted − expected per material id, after "Show differences". */
  differences?: Map<number, number>
  errors?: StockErrors
  recent: { id: number; on_date: string; note: string; created_by_name: string }[]
}) {
  const { t } = props.i18n
  const diffs = props.differences
  const nonZero = diffs ? [...diffs.values()].filter((d) => d !== 0).length : 0
  return (
    <section class="card">
      <h1>{t('stock.stocktake_title')}</h1>
      <StockNav i18n={props.i18n} current="stocktake" canWrite />
      <p class="hint">{t('stock.stocktake_intro')}</p>
      {props.errors && (
        <p class="error-box" role="alert">
          {props.errors.lines ? t(props.errors.lines) : t('stock.form_has_errors')}
        </p>
      )}
      {diffs && !props.errors && (
        <p class="notice" role="status" data-testid="stocktake-summary">
          {nonZero > 0 ? t('stock.differences_found', { n: nonZero }) : t('stock.no_differences')}
        </p>
      )}
      {props.materials.length === 0 ? (
        <p class="empty">{t('stock.no_materials_to_count')}</p>
      ) : (
        <form method="post" action="/stock/stocktakes" class="stacked-form">
          <CsrfField token={props.csrfToken} />
          <div class="table-scroll">
            <table class="data-table" data-testid="stocktake">
              <thead>
                <tr>
                  <th scope="col">{t('stock.col.name')}</th>
                  <th scope="col" class="num">
                    {t('stock.col.expected')}
                  </th>
                  <th scope="col">{t('stock.col.counted')}</th>
                  {diffs && (
                    <th scope="col" class="num">
                      {t('stock.col.difference')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {props.materials.map((m) => {
                  const name = `counted_${m.id}`
                  const err = props.errors?.[name]
                  const d = diffs?.get(m.id)
                  return (
                    <tr data-material={m.id}>
                      <th scope="row">{m.name}</th>
                      <td class="num">{props.quantity(m.balance_milli, m.unit)}</td>
                      <td class={err ? 'has-error' : undefined}>
                        <input
                          id={`stocktake-${name}`}
                          name={name}
                          value={props.values[name] ?? ''}
                          inputmode="decimal"
                          aria-label={t('stock.counted_label', { name: m.name })}
                          aria-invalid={err ? 'true' : undefined}
                          aria-describedby={err ? `stocktake-${name}-error` : undefined}
                        />{' '}
                        {t(`stock.unit_short.${m.unit}`)}
                        {err && (
                          <p class="error" id={`stocktake-${name}-error`}>
                            {t(err)}
                          </p>
                        )}
                      </td>
                      {diffs && (
                        <td class="num" data-testid={`difference-${m.id}`}>
                          {d === undefined
                            ? '—'
                            : `${d > 0 ? '+' : ''}${props.quantity(d, m.unit)}`}
                        </td>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <Field
            id="stocktake-note"
            name="note"
            label={t('stock.field.note')}
            value={props.values.note ?? ''}
            error={props.errors?.note ? t(props.errors.note) : undefined}
          />
          <div class="actions">
            <button type="submit" name="step" value="review" class="secondary-action">
              {t('stock.review')}
            </button>{' '}
            <button type="submit" name="step" value="post">
              {t('stock.post_stocktake')}
            </button>
          </div>
        </form>
      )}
      {props.recent.length > 0 && (
        <>
          <h2>{t('stock.stocktakes_recent')}</h2>
          <ul class="plain-list">
            {props.recent.map((s) => (
              <li>
                <a href={`/stock/stocktakes/${s.id}`}>
                  {t('stock.stocktake_view_title', {
                    id: s.id,
                    date: formatDay(props.i18n.locale, s.on_date),
                  })}
                </a>{' '}
                — {s.created_by_name}
                {s.note ? `: ${s.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
